// Plain records stored by Store. No logic here; actions own the meaning of every field.
// Times are milliseconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cognito::storage {

// A user pool. `description_json` is the pool's UserPoolType document as the API returns it,
// without the fields computed at read time (Id, Name, dates, EstimatedNumberOfUsers, Arn).
struct PoolRecord {
  std::string id;  // "<region>_<9 alnum>"
  std::string name;
  std::string description_json;
  int64_t created_ms = 0;
  int64_t modified_ms = 0;
};

// An app client. `description_json` is the UserPoolClientType document without the computed
// fields (UserPoolId, ClientName, ClientId, ClientSecret, dates). Client ids are unique across
// all pools.
struct ClientRecord {
  std::string pool_id;
  std::string client_id;
  std::string name;
  std::string secret;  // empty when the client has no secret
  std::string description_json;
  int64_t created_ms = 0;
  int64_t modified_ms = 0;
};

using Attribute = std::pair<std::string, std::string>;  // name, value

// SRP password verifier (srp.md): raw salt bytes and raw big-endian v bytes. An empty verifier
// means no password.
struct UserPassword {
  std::string salt;
  std::string verifier;
};

struct UserRecord {
  std::string pool_id;
  std::string username;  // as created (case preserved)
  std::string sub;       // immutable UUID
  std::string status;    // UserStatusType: CONFIRMED, FORCE_CHANGE_PASSWORD, ...
  bool enabled = true;
  // Every attribute except `sub`, in insertion order.
  std::vector<Attribute> attributes;
  // Stored in a table of its own and read only on request (Store::GetPassword), so reads that
  // do not check a password stay small. nullopt = not read: UpdateUser then keeps the stored
  // password. Set with an empty verifier, the user has no password.
  std::optional<UserPassword> password;
  int64_t password_set_ms = 0;
  int64_t created_ms = 0;
  int64_t modified_ms = 0;
};

// A persisted RS256 signing key. `purpose` is "id" or "access".
struct SigningKeyRecord {
  std::string purpose;
  std::string kid;
  std::string private_key_pem;
  int64_t created_ms = 0;
};

// One ListUsers filter clause. `attribute` is an attribute name, or one of the pseudo
// attributes "username", "sub", "cognito:user_status" and "status" (enabled/disabled).
struct UserFilter {
  enum class Op { kEquals, kStartsWith };
  std::string attribute;
  Op op = Op::kEquals;
  std::string value;
};

// A pending sign-in step (auth-flows.md §6). `id_hash` is SHA-256 of the Session string;
// `secret_block_hash` is SHA-256 of the SRP SECRET_BLOCK while a PASSWORD_VERIFIER answer is
// pending (empty otherwise), so that answer may come without the Session. `state_json` belongs
// to the actions layer.
struct AuthSessionRecord {
  std::string id_hash;
  std::string secret_block_hash;
  std::string pool_id;
  std::string client_id;
  std::string username;
  std::string challenge;
  std::string state_json;
  int64_t expires_ms = 0;
  bool consumed = false;  // produced tokens or was superseded by a later step
};

// A user's MFA settings (issue #5). No row means nothing is enabled. TOTP keys are raw bytes
// (they are shared secrets by nature, so they are stored as such); `totp_pending_secret` is the
// key of an AssociateSoftwareToken not yet verified. `totp_last_step` is the last TOTP step
// accepted, so a code is never accepted twice.
struct UserMfaRecord {
  std::string pool_id;
  std::string username;
  bool sms_enabled = false;
  bool sms_preferred = false;
  bool totp_enabled = false;
  bool totp_preferred = false;
  bool email_enabled = false;
  bool email_preferred = false;
  std::string totp_secret;  // empty = no verified software token
  std::string totp_pending_secret;
  std::string totp_friendly_name;
  int64_t totp_last_step = 0;
};

// A message Cognito would have sent (an SMS or email with a code): what the emulator shows in
// its outbox instead of sending. `destination` is unmasked.
struct OutboxRecord {
  int64_t id = 0;  // assigned on insert, increasing
  std::string pool_id;
  std::string username;
  std::string medium;  // "SMS" or "EMAIL"
  std::string destination;
  std::string purpose;  // e.g. "mfa"
  std::string code;
  std::string message;
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
};

// A pending confirmation code of a user (sign-up or forgot-password), stored only as an HMAC
// with a random salt. `previous_*` keep the code this one replaced, so a superseded code can be
// told from a wrong one. One row per (pool, user, purpose); it goes with its user.
struct UserCodeRecord {
  std::string pool_id;
  std::string username;
  std::string purpose;    // "signup" or "password"
  std::string attribute;  // where it was sent: "email" or "phone_number"
  std::string salt;
  std::string hash;
  std::string previous_salt;  // empty = none
  std::string previous_hash;
  int64_t expires_ms = 0;
  int64_t attempts = 0;  // wrong answers so far
};

// An OAuth resource server of a pool: its identifier, name and scopes (the ResourceServerScopeType
// list as JSON text).
struct ResourceServerRecord {
  std::string pool_id;
  std::string identifier;
  std::string name;
  std::string scopes_json;
};

// A user group; precedence is optional (nullopt = none).
struct GroupRecord {
  std::string pool_id;
  std::string name;
  std::string description;
  std::string role_arn;
  std::optional<int64_t> precedence;
  int64_t created_ms = 0;
  int64_t modified_ms = 0;
};

// A device a user confirmed (ConfirmDevice) for device SRP (srp.md §4): the device key, the
// group key it was issued with, and its SRP salt and verifier as raw big-endian bytes. It goes
// with its user.
struct DeviceRecord {
  std::string pool_id;
  std::string device_key;  // "<region>_<uuid>", unique in the pool
  std::string username;
  std::string group_key;   // DeviceGroupKey: the SRP "pool name" of the device
  std::string name;        // DeviceName; empty = none given
  std::string salt;
  std::string verifier;
  bool remembered = false;  // DeviceRememberedStatus remembered / not_remembered
  int64_t created_ms = 0;
  int64_t modified_ms = 0;
  int64_t last_authenticated_ms = 0;
};

}  // namespace cognito::storage
