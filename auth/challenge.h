// The sign-in challenge state machine (auth-flows.md §3-4) as pure functions over plain values.
// The actions layer verifies every answer itself, records what has been proven in a FlowState it
// owns, and asks NextStep what comes next. Nothing here does I/O, reads a clock or keeps state;
// every function is safe to call from any thread. String views returned by the *Name functions
// point at static storage and stay valid for the life of the program.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cognito::auth {

enum class Challenge {
  kPasswordVerifier,
  kNewPasswordRequired,
  kSmsMfa,
  kSoftwareTokenMfa,
  kEmailOtp,
  kSelectMfaType,
  kMfaSetup,
  kDeviceSrpAuth,
  kDevicePasswordVerifier,
  kCustomChallenge,
};

// The wire ChallengeName: "PASSWORD_VERIFIER", "NEW_PASSWORD_REQUIRED", "SMS_MFA",
// "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE", "MFA_SETUP", "DEVICE_SRP_AUTH",
// "DEVICE_PASSWORD_VERIFIER", "CUSTOM_CHALLENGE".
std::string_view ChallengeName(Challenge c);
// Exact, case-sensitive inverse of ChallengeName; nullopt for any other text.
std::optional<Challenge> ParseChallenge(std::string_view name);

// Pool MfaConfiguration OFF / OPTIONAL / ON.
enum class MfaConfig { kOff, kOptional, kOn };
// Declaration order is the stable order used for MFAS_CAN_CHOOSE and MFAS_CAN_SETUP.
enum class MfaMethod { kSms, kTotp, kEmail };

// SMS -> SMS_MFA, TOTP -> SOFTWARE_TOKEN_MFA, email -> EMAIL_OTP.
Challenge ChallengeFor(MfaMethod m);
// "SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP": the names used in MFAS_CAN_CHOOSE,
// MFAS_CAN_SETUP and the SELECT_MFA_TYPE ANSWER.
std::string_view MfaMethodName(MfaMethod m);
// Exact, case-sensitive inverse of MfaMethodName; nullopt for any other text.
std::optional<MfaMethod> ParseMfaMethod(std::string_view name);

// The given methods without duplicates, in the stable order SMS, TOTP, EMAIL.
std::vector<MfaMethod> SortedMethods(const std::vector<MfaMethod>& methods);

// What the client's DEVICE_KEY resolved to: not given (or a device not used for device SRP) /
// given but not a confirmed device of this user / a remembered device that replaces the second
// factor (DEVICE_SRP_AUTH before MFA) / a remembered device checked after MFA.
enum class DeviceState { kNone, kUnknown, kReplacesMfa, kAfterMfa };

// Everything proven so far in one sign-in flow plus the user and pool facts the decision needs.
struct FlowState {
  bool password_proven = false;     // P0 reached (password, SRP, or custom auth issuing tokens)
  bool needs_new_password = false;  // user is FORCE_CHANGE_PASSWORD, no new password set yet
  bool new_password_set = false;    // NEW_PASSWORD_REQUIRED was answered in this flow
  MfaConfig pool_mfa = MfaConfig::kOff;
  std::vector<MfaMethod> pool_methods;  // methods the pool has configured (MFA_SETUP, SMS fallback)
  std::vector<MfaMethod> user_methods;  // methods enabled for the user
  std::optional<MfaMethod> preferred;   // the user's preferred method, if any
  bool has_phone_number = false;
  std::optional<MfaMethod> chosen;  // answer to SELECT_MFA_TYPE (the caller checked it was offered)
  bool mfa_done = false;  // an MFA code was verified in this flow (or MFA_SETUP completed)
  DeviceState device = DeviceState::kNone;
  bool device_done = false;  // DEVICE_PASSWORD_VERIFIER succeeded in this flow
  // The confirmed device of this user that the client presented; carried through the flow for
  // the device steps and the tokens. NextStep reads only `device`.
  std::string device_key;
};

struct Step {
  enum class Kind { kTokens, kChallenge, kDeviceNotFound, kPasswordRequired };
  Kind kind = Kind::kTokens;
  Challenge challenge = Challenge::kPasswordVerifier;  // meaningful only when kind == kChallenge
  // SELECT_MFA_TYPE: MFAS_CAN_CHOOSE; MFA_SETUP: MFAS_CAN_SETUP; both in the stable order and
  // without duplicates. Empty for every other step.
  std::vector<MfaMethod> options;

  bool operator==(const Step&) const = default;
};

// The post-password pipeline (auth-flows.md §4.2):
//   !password_proven                          -> kPasswordRequired (never ask before P0)
//   P1 needs_new_password                     -> NEW_PASSWORD_REQUIRED
//   P2 device kUnknown                        -> kDeviceNotFound
//      device kReplacesMfa, !device_done      -> DEVICE_SRP_AUTH
//      device kReplacesMfa, device_done       -> tokens (MFA suppressed)
//   P3 MFA decision (skipped when mfa_done)   -> SMS_MFA | SOFTWARE_TOKEN_MFA | EMAIL_OTP |
//                                                SELECT_MFA_TYPE | MFA_SETUP | nothing
//   P3b device kAfterMfa, !device_done        -> DEVICE_SRP_AUTH
//   P4                                        -> tokens
// The P3 decision, in order: pool kOff -> no MFA; chosen -> its challenge; preferred and enabled
// for the user -> its challenge; one user method -> its challenge; two or more -> SELECT_MFA_TYPE
// over them; none: kOptional -> no MFA, kOn -> SMS_MFA when the pool has SMS and the user a phone
// number, else MFA_SETUP over pool_methods (possibly empty: the caller decides how to report a
// pool that requires MFA but configures no method).
Step NextStep(const FlowState& state);

}  // namespace cognito::auth
