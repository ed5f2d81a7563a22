// Typed access to the SQLite database that holds every pool, client, user and signing key.
//
// Ownership and threads: a Store owns one SQLite connection and must be used by one thread at a
// time. Create one Store per worker thread over the same file (StorePool does this); SQLite (WAL
// mode, busy_timeout) serialises writers. For ":memory:" there is only one database per Store, so
// share a single Store behind a lock. Every method throws StoreError on a database failure.
//
// Atomicity: each method is atomic on its own (multi-statement writes run in a SAVEPOINT). To make
// several calls atomic, hold a Transaction; Transactions do not nest (opening a second one on the
// same Store while the first is alive throws StoreError). Durability: WAL with synchronous=FULL,
// so a write is on disk once the call (or Commit) returns, except while DeferSync is on.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/checkpointer.h"
#include "storage/records.h"
#include "storage/sqlite.h"
#include "storage/store_error.h"

namespace cognito::storage {

class Store {
 public:
  // Opens (creating if needed) the database at `path` (a file path or ":memory:"), sets WAL mode,
  // foreign keys and busy_timeout, and applies pending schema migrations.
  static std::unique_ptr<Store> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // RAII transaction. Write transactions use BEGIN IMMEDIATE (take the write lock up front, so
  // they never fail half-way with SQLITE_BUSY); read transactions use a deferred BEGIN and give
  // a consistent snapshot. Rolls back unless Commit() ran; the destructor never throws. Not
  // nestable. Must not outlive its Store.
  class Transaction {
   public:
    Transaction(Store& store, bool write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void Commit();

   private:
    Store& store_;
    bool done_ = false;
  };

  // For group commits: while on, this connection's commits write the WAL without waiting for
  // the disk (synchronous=NORMAL), and SyncWal() then makes everything committed so far durable
  // (one fdatasync, which a thread can run while another commits). Both outside a transaction.
  void DeferSync(bool on);
  void SyncWal();
  // Lets `checkpointer` run this connection's WAL checkpoints (StorePool does this).
  void HandCheckpointsTo(Checkpointer& checkpointer);

  // Number of schema migrations applied (PRAGMA user_version).
  int SchemaVersion();
  // While on, every write fails with StoreError (guards the compute phase of actions that
  // defer their writes).
  void SetQueryOnly(bool on);

  // Pools. Deleting a pool deletes its clients and users. Insert throws on a duplicate id; the
  // Update methods throw when the row does not exist. A `limit` <= 0 means no limit.
  void InsertPool(const PoolRecord& pool);
  // Null when absent. The record is shared, not copied, and immutable: an update stores a new
  // one, and a caller holding the old one keeps it as it was.
  std::shared_ptr<const PoolRecord> GetPool(const std::string& pool_id);
  void UpdatePool(const PoolRecord& pool);
  bool DeletePool(const std::string& pool_id);
  // Pools ordered by id, starting after `after_id` (empty = from the start).
  std::vector<PoolRecord> ListPools(const std::string& after_id, int limit);
  int64_t CountUsers(const std::string& pool_id);

  // App clients. InsertClient throws when the pool does not exist or the id is taken.
  void InsertClient(const ClientRecord& client);
  std::optional<ClientRecord> GetClient(const std::string& client_id);
  void UpdateClient(const ClientRecord& client);
  bool DeleteClient(const std::string& pool_id, const std::string& client_id);
  std::vector<ClientRecord> ListClients(const std::string& pool_id, const std::string& after_id,
                                        int limit);

  // Users. Lookup by username is exact when case_sensitive, else ASCII case-insensitive.
  // InsertUser returns false when the pool already has that username (exact match); it throws
  // on any other failure (unknown pool, duplicate sub, duplicate attribute name). With
  // case_sensitive=false several users may differ only by case; an exact match is preferred,
  // otherwise the smallest username wins.
  bool InsertUser(const UserRecord& user);
  std::optional<UserRecord> GetUser(const std::string& pool_id, const std::string& username,
                                    bool case_sensitive);
  std::optional<UserRecord> GetUserBySub(const std::string& pool_id, const std::string& sub);
  // Replaces every stored field of the user identified by (pool_id, username), attributes too,
  // and the password when `user.password` is set (an empty verifier removes it).
  void UpdateUser(const UserRecord& user);
  // The user's password; an empty verifier when the user has none (or does not exist). The
  // user reads above leave UserRecord::password unset.
  UserPassword GetPassword(const std::string& pool_id, const std::string& username);
  bool DeleteUser(const std::string& pool_id, const std::string& username);
  // Users ordered by username, after `after_username` (empty = from the start), optionally
  // filtered; uses indexes so large pools answer as fast as small ones. Filters compare bytes
  // exactly (kStartsWith is a byte prefix); "status" takes "Enabled" or "Disabled".
  std::vector<UserRecord> ListUsers(const std::string& pool_id, const std::string& after_username,
                                    int limit, const std::optional<UserFilter>& filter);

  // Signing keys of this install, ordered by purpose. Insert throws if the purpose exists.
  std::vector<SigningKeyRecord> SigningKeys();
  void InsertSigningKey(const SigningKeyRecord& key);

  // Pending sign-in steps, keyed by the SHA-256 of the Session string (raw 32 bytes). Records
  // with an empty secret_block_hash have none. Insert throws on a duplicate id or secret block.
  void InsertAuthSession(const AuthSessionRecord& session);
  std::optional<AuthSessionRecord> GetAuthSession(const std::string& id_hash);
  // The session waiting for the PASSWORD_VERIFIER answer with this SECRET_BLOCK hash; consumed
  // sessions are never found here. An empty hash finds nothing.
  std::optional<AuthSessionRecord> GetAuthSessionBySecretBlock(
      const std::string& secret_block_hash);
  // Rewrites challenge, state_json, expires_ms and secret_block_hash; throws if the id is unknown.
  void UpdateAuthSession(const AuthSessionRecord& session);
  // Marks the session consumed and forgets its secret block. True only for the one call that
  // changed it from unconsumed, so concurrent answers to one session cannot both succeed.
  bool ConsumeAuthSession(const std::string& id_hash);
  bool DeleteAuthSession(const std::string& id_hash);
  // Deletes up to `limit` sessions with expires_ms < before_ms (<= 0: all); returns how many.
  int64_t PurgeAuthSessions(int64_t before_ms, int limit);

  // Refresh tokens carry their own claims, sealed; the store keeps only what changes after
  // issue. A rotated-out token is recorded by the SHA-256 of its string with the time of its
  // first replacement (a later call keeps that time and returns false); RefreshTokenReplacedMs
  // answers 0 for a token never replaced. Throws on an unknown pool.
  bool MarkRefreshTokenReplaced(const std::string& token_hash, const std::string& pool_id,
                                int64_t replaced_ms, int64_t expires_ms);
  int64_t RefreshTokenReplacedMs(const std::string& token_hash);
  // GlobalSignOut: every sign-in of the user at or before `at_ms` is revoked. A later sign-out
  // moves the time forward, never back; SignedOutMs answers 0 for a user never signed out.
  void RecordSignOut(const std::string& pool_id, const std::string& sub, int64_t at_ms);
  int64_t SignedOutMs(const std::string& pool_id, const std::string& sub);
  // Records that tokens of this origin are revoked until expires_ms (a later call can only
  // extend it).
  void RevokeOrigin(const std::string& pool_id, const std::string& origin_jti, int64_t expires_ms);
  // One lookup for a token in use: its origin is revoked, or its user signed out at or after
  // origin_ms (the sign-in's time). Expiry is not checked: purging removes expired entries.
  bool IsSignInRevoked(const std::string& pool_id, const std::string& sub,
                       const std::string& origin_jti, int64_t origin_ms);
  // Deletes up to `limit` expired replaced refresh tokens and up to `limit` expired revoked
  // origins (expires_ms < before_ms; limit <= 0: all); returns the total deleted.
  int64_t PurgeTokens(int64_t before_ms, int limit);

  // MFA settings of users (user_mfa). A row goes with its user: deleted with it, renamed with it.
  std::optional<UserMfaRecord> GetUserMfa(const std::string& pool_id, const std::string& username);
  // Inserts or overwrites the user's row; throws when the user does not exist.
  void PutUserMfa(const UserMfaRecord& mfa);
  // Records that a TOTP code of `step` was used. True only when `step` is later than the stored
  // totp_last_step, so concurrent answers with one code cannot both succeed.
  bool UseTotpStep(const std::string& pool_id, const std::string& username, int64_t step);

  // The outbox of messages the emulator would have sent. InsertOutbox appends a message and
  // returns its id, then keeps the pool's newest `keep_per_pool` messages and deletes a bounded
  // batch of messages created before `drop_before_ms`. Messages go with their pool.
  int64_t InsertOutbox(const OutboxRecord& message, int64_t keep_per_pool, int64_t drop_before_ms);
  // Newest first; an empty pool_id or username matches any. `limit` <= 0 means no limit.
  std::vector<OutboxRecord> ListOutbox(const std::string& pool_id, const std::string& username,
                                       int limit);
  // Deletes the messages matching as in ListOutbox; returns how many.
  int64_t ClearOutbox(const std::string& pool_id, const std::string& username);

  // Confirmation codes (user_codes), one per user and purpose. PutUserCode inserts or
  // overwrites it and throws when the user does not exist; DeleteUserCode is true only for the
  // call that removed it, so one code cannot be used twice.
  std::optional<UserCodeRecord> GetUserCode(const std::string& pool_id, const std::string& username,
                                            const std::string& purpose);
  void PutUserCode(const UserCodeRecord& code);
  bool DeleteUserCode(const std::string& pool_id, const std::string& username,
                      const std::string& purpose);

  // OAuth resource servers, listed by identifier after `after` (empty = from the start).
  // InsertResourceServer returns false when the pool has that identifier already;
  // UpdateResourceServer and DeleteResourceServer false when it has none.
  bool InsertResourceServer(const ResourceServerRecord& server);
  std::optional<ResourceServerRecord> GetResourceServer(const std::string& pool_id,
                                                        const std::string& identifier);
  bool UpdateResourceServer(const ResourceServerRecord& server);
  bool DeleteResourceServer(const std::string& pool_id, const std::string& identifier);
  std::vector<ResourceServerRecord> ListResourceServers(const std::string& pool_id,
                                                        const std::string& after, int limit);

  // Groups. InsertGroup returns false when the pool has that group already. Lists are ordered
  // by name (groups) or username (members), after `after` (empty = from the start). Group
  // memberships of a user come ordered by precedence (none last), then name.
  bool InsertGroup(const GroupRecord& group);
  std::optional<GroupRecord> GetGroup(const std::string& pool_id, const std::string& name);
  void UpdateGroup(const GroupRecord& group);
  bool DeleteGroup(const std::string& pool_id, const std::string& name);
  std::vector<GroupRecord> ListGroups(const std::string& pool_id, const std::string& after,
                                      int limit);
  // Idempotent; the group and the user must exist.
  void AddUserToGroup(const std::string& pool_id, const std::string& group,
                      const std::string& username);
  bool RemoveUserFromGroup(const std::string& pool_id, const std::string& group,
                           const std::string& username);
  std::vector<GroupRecord> GroupsOfUser(const std::string& pool_id, const std::string& username);
  std::vector<UserRecord> UsersInGroup(const std::string& pool_id, const std::string& group,
                                       const std::string& after_username, int limit);

  // Devices (store_devices.cc). InsertDevice returns false when the pool has that device key
  // already and throws when the user does not exist. A user's devices are listed by device key,
  // after `after_key` (empty = from the start). The Set / Touch / Delete calls return false when
  // the device is unknown.
  bool InsertDevice(const DeviceRecord& device);
  std::optional<DeviceRecord> GetDevice(const std::string& pool_id, const std::string& device_key);
  std::vector<DeviceRecord> ListDevices(const std::string& pool_id, const std::string& username,
                                        const std::string& after_key, int limit);
  bool SetDeviceRemembered(const std::string& pool_id, const std::string& device_key,
                           bool remembered, int64_t modified_ms);
  bool TouchDevice(const std::string& pool_id, const std::string& device_key,
                   int64_t authenticated_ms);
  bool DeleteDevice(const std::string& pool_id, const std::string& device_key);

 private:
  explicit Store(Connection db) : db_(std::move(db)) {}
  std::vector<Attribute> LoadAttributes(const std::string& pool_id, const std::string& username);
  // Inserts or replaces the user row and all its attributes atomically; false on a username
  // conflict when inserting.
  bool WriteUser(const UserRecord& user, bool insert);
  void WritePassword(const std::string& pool_id, const std::string& username,
                     const UserPassword& password);

  Connection db_;
};

}  // namespace cognito::storage
