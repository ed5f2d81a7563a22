#include "storage/schema.h"

#include <string>

namespace cognito::storage {
namespace {

// Migration 1: pools, clients, users with ordered attributes, signing keys.
// Users and attributes are WITHOUT ROWID so rows cluster by (pool_id, username): listing a
// pool in username order walks the table itself. The status/enabled indexes end in username
// so filtered listings come out in page order without a sort.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE pools (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description_json TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  modified_ms INTEGER NOT NULL
);

CREATE TABLE clients (
  client_id TEXT PRIMARY KEY NOT NULL,
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  secret TEXT NOT NULL,
  description_json TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  modified_ms INTEGER NOT NULL
);
CREATE INDEX clients_by_pool ON clients (pool_id, client_id);

CREATE TABLE users (
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  username TEXT NOT NULL,
  username_lower TEXT NOT NULL,
  sub TEXT NOT NULL,
  status TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  password_salt BLOB NOT NULL,
  password_verifier BLOB NOT NULL,
  password_set_ms INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  modified_ms INTEGER NOT NULL,
  PRIMARY KEY (pool_id, username)
) WITHOUT ROWID;
CREATE INDEX users_by_lower ON users (pool_id, username_lower);
CREATE UNIQUE INDEX users_by_sub ON users (pool_id, sub);
CREATE INDEX users_by_status ON users (pool_id, status, username);
CREATE INDEX users_by_enabled ON users (pool_id, enabled, username);

CREATE TABLE user_attributes (
  pool_id TEXT NOT NULL,
  username TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (pool_id, username, name),
  FOREIGN KEY (pool_id, username) REFERENCES users (pool_id, username)
    ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
CREATE INDEX user_attributes_by_value ON user_attributes (pool_id, name, value);

CREATE TABLE signing_keys (
  purpose TEXT PRIMARY KEY NOT NULL,
  kid TEXT NOT NULL,
  private_key_pem TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
)sql";

// Migration 2: pending sign-in steps, refresh tokens (by hash) and revoked token origins.
// Hashes are raw SHA-256 bytes stored as BLOBs. The secret-block index is partial so that the
// many sessions without one (NULL) cost nothing in it. Every table indexes expires_ms because
// purging walks expired rows in bounded batches; pool_id leads an index on each table so the
// ON DELETE CASCADE of a pool does not scan them.
constexpr std::string_view kMigration2 = R"sql(
CREATE TABLE auth_sessions (
  id_hash BLOB PRIMARY KEY NOT NULL,
  secret_block_hash BLOB,
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  username TEXT NOT NULL,
  challenge TEXT NOT NULL,
  state_json TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  consumed INTEGER NOT NULL CHECK (consumed IN (0, 1))
);
CREATE UNIQUE INDEX auth_sessions_by_secret_block ON auth_sessions (secret_block_hash)
  WHERE secret_block_hash IS NOT NULL;
CREATE INDEX auth_sessions_by_expiry ON auth_sessions (expires_ms);
CREATE INDEX auth_sessions_by_pool ON auth_sessions (pool_id);

CREATE TABLE refresh_tokens (
  token_hash BLOB PRIMARY KEY NOT NULL,
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  username TEXT NOT NULL,
  sub TEXT NOT NULL,
  origin_jti TEXT NOT NULL,
  auth_time_s INTEGER NOT NULL,
  device_key TEXT NOT NULL,
  issued_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  revoked INTEGER NOT NULL CHECK (revoked IN (0, 1)),
  replaced_ms INTEGER NOT NULL
);
CREATE INDEX refresh_tokens_by_sub ON refresh_tokens (pool_id, sub);
CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_ms);

CREATE TABLE revoked_origins (
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  origin_jti TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  PRIMARY KEY (pool_id, origin_jti)
) WITHOUT ROWID;
CREATE INDEX revoked_origins_by_expiry ON revoked_origins (expires_ms);
)sql";

// Migration 3: users' MFA settings and the outbox of messages the emulator would have sent.
// user_mfa follows its user (ON DELETE/UPDATE CASCADE). The outbox is bounded by its writer
// (newest 10,000 per pool, nothing older than a day): outbox_by_pool finds a pool's oldest rows
// and outbox_by_age the expired ones; outbox_by_user serves the per-user listing.
constexpr std::string_view kMigration3 = R"sql(
CREATE TABLE user_mfa (
  pool_id TEXT NOT NULL,
  username TEXT NOT NULL,
  sms_enabled INTEGER NOT NULL CHECK (sms_enabled IN (0, 1)),
  sms_preferred INTEGER NOT NULL CHECK (sms_preferred IN (0, 1)),
  totp_enabled INTEGER NOT NULL CHECK (totp_enabled IN (0, 1)),
  totp_preferred INTEGER NOT NULL CHECK (totp_preferred IN (0, 1)),
  email_enabled INTEGER NOT NULL CHECK (email_enabled IN (0, 1)),
  email_preferred INTEGER NOT NULL CHECK (email_preferred IN (0, 1)),
  totp_secret BLOB NOT NULL,
  totp_pending_secret BLOB NOT NULL,
  totp_friendly_name TEXT NOT NULL,
  totp_last_step INTEGER NOT NULL,
  PRIMARY KEY (pool_id, username),
  FOREIGN KEY (pool_id, username) REFERENCES users (pool_id, username)
    ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  username TEXT NOT NULL,
  medium TEXT NOT NULL,
  destination TEXT NOT NULL,
  purpose TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL
);
CREATE INDEX outbox_by_user ON outbox (pool_id, username, id);
CREATE INDEX outbox_by_pool ON outbox (pool_id, id);
CREATE INDEX outbox_by_age ON outbox (created_ms);
)sql";

// Migration 4: groups and memberships. Memberships follow their group and their user.
constexpr std::string_view kMigration4 = R"sql(
CREATE TABLE pool_groups (
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  precedence INTEGER NULL,
  created_ms INTEGER NOT NULL,
  modified_ms INTEGER NOT NULL,
  PRIMARY KEY (pool_id, name)
) WITHOUT ROWID;
CREATE TABLE user_groups (
  pool_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  username TEXT NOT NULL,
  PRIMARY KEY (pool_id, group_name, username),
  FOREIGN KEY (pool_id, group_name) REFERENCES pool_groups (pool_id, name) ON DELETE CASCADE,
  FOREIGN KEY (pool_id, username) REFERENCES users (pool_id, username)
    ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
CREATE INDEX user_groups_by_user ON user_groups (pool_id, username, group_name);
)sql";

// Migration 5: pending confirmation codes (sign-up, forgot password), kept only as salted HMACs;
// they follow their user like user_mfa.
constexpr std::string_view kMigration5 = R"sql(
CREATE TABLE user_codes (
  pool_id TEXT NOT NULL,
  username TEXT NOT NULL,
  purpose TEXT NOT NULL,
  attribute TEXT NOT NULL,
  salt BLOB NOT NULL,
  hash BLOB NOT NULL,
  previous_salt BLOB NOT NULL,
  previous_hash BLOB NOT NULL,
  expires_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (pool_id, username, purpose),
  FOREIGN KEY (pool_id, username) REFERENCES users (pool_id, username)
    ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
)sql";

// Migration 6: devices confirmed for device SRP. A device follows its user like user_mfa;
// devices_by_user serves the per-user listing in device-key order.
constexpr std::string_view kMigration6 = R"sql(
CREATE TABLE devices (
  pool_id TEXT NOT NULL,
  device_key TEXT NOT NULL,
  username TEXT NOT NULL,
  group_key TEXT NOT NULL,
  name TEXT NOT NULL,
  salt BLOB NOT NULL,
  verifier BLOB NOT NULL,
  remembered INTEGER NOT NULL CHECK (remembered IN (0, 1)),
  created_ms INTEGER NOT NULL,
  modified_ms INTEGER NOT NULL,
  last_authenticated_ms INTEGER NOT NULL,
  PRIMARY KEY (pool_id, device_key),
  FOREIGN KEY (pool_id, username) REFERENCES users (pool_id, username)
    ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
CREATE INDEX devices_by_user ON devices (pool_id, username, device_key);
)sql";

// Migration 7: OAuth resource servers, which follow their pool.
constexpr std::string_view kMigration7 = R"sql(
CREATE TABLE resource_servers (
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  identifier TEXT NOT NULL,
  name TEXT NOT NULL,
  scopes_json TEXT NOT NULL,
  PRIMARY KEY (pool_id, identifier)
) WITHOUT ROWID;
)sql";

// Migration 8: passwords move out of `users`. In a WITHOUT ROWID table every interior cell
// holds a whole row, and the 400 bytes of salt and verifier left ~8 rows per page, so a lookup
// by username went through four or five levels; without them a row is ~100 bytes. An ordinary
// rowid table suits the big rows: its interior cells are just rowids. Existing databases keep
// their old page layout until a VACUUM.
constexpr std::string_view kMigration8 = R"sql(
CREATE TABLE user_passwords (
  pool_id TEXT NOT NULL,
  username TEXT NOT NULL,
  salt BLOB NOT NULL,
  verifier BLOB NOT NULL,
  PRIMARY KEY (pool_id, username),
  FOREIGN KEY (pool_id, username) REFERENCES users (pool_id, username)
    ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO user_passwords (pool_id, username, salt, verifier)
  SELECT pool_id, username, password_salt, password_verifier FROM users
  WHERE length(password_verifier) > 0;
ALTER TABLE users DROP COLUMN password_salt;
ALTER TABLE users DROP COLUMN password_verifier;
)sql";

// Migration 9: a pool's revision, a new random number on every write of its row. The pool's
// document is ~4 KB (an overflow page), and nearly every request needs it: with the revision a
// process remembers the record by (id, revision) and reads the document only when it changed.
constexpr std::string_view kMigration9 = R"sql(
ALTER TABLE pools ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
UPDATE pools SET revision = random();
)sql";

// Migration 10: refresh tokens carry their claims sealed inside them, so a sign-in writes no
// row. What still changes after issue is kept: rotated-out tokens (by hash, for the reuse
// check, until the token expires) and each user's last sign-out. Tokens issued before this
// migration can no longer be read: their holders sign in again.
constexpr std::string_view kMigration10 = R"sql(
DROP TABLE refresh_tokens;
CREATE TABLE replaced_refresh_tokens (
  token_hash BLOB PRIMARY KEY NOT NULL,
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  replaced_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL
);
CREATE INDEX replaced_refresh_tokens_by_expiry ON replaced_refresh_tokens (expires_ms);
CREATE INDEX replaced_refresh_tokens_by_pool ON replaced_refresh_tokens (pool_id);
CREATE TABLE sign_outs (
  pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  sub TEXT NOT NULL,
  signed_out_ms INTEGER NOT NULL,
  PRIMARY KEY (pool_id, sub)
) WITHOUT ROWID;
)sql";

// Best effort: the original error matters more than a failed rollback.
void RollbackQuietly(Connection& db) noexcept {
  try {
    if (db.InTransaction()) {
      db.RunScript("ROLLBACK");
    }
  } catch (...) {
    return;
  }
}

}  // namespace

const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> kMigrations = {kMigration1, kMigration2, kMigration3,
                                                            kMigration4, kMigration5, kMigration6,
                                                            kMigration7, kMigration8, kMigration9,
                                                            kMigration10};
  return kMigrations;
}

int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

int ReadSchemaVersion(Connection& db) {
  Statement stmt = db.Prepare("PRAGMA user_version");
  if (!stmt.Step()) {
    throw StoreError("schema: user_version returned no row");
  }
  return static_cast<int>(stmt.Int(0));
}

int ApplyMigrations(Connection& db) {
  const int latest = LatestSchemaVersion();
  // Fast path without a write lock: every open after the first finds the schema current.
  if (ReadSchemaVersion(db) == latest) {
    return latest;
  }
  if (db.InTransaction()) {
    throw StoreError("schema: cannot migrate inside an open transaction");
  }
  db.Run("BEGIN IMMEDIATE");
  try {
    // Read again under the write lock: another process may have migrated meanwhile.
    int version = ReadSchemaVersion(db);
    if (version > latest) {
      throw StoreError("schema: database version " + std::to_string(version) +
                       " is newer than this build supports (" + std::to_string(latest) + ")");
    }
    for (; version < latest; ++version) {
      db.RunScript(std::string(Migrations()[static_cast<size_t>(version)]));
    }
    // PRAGMA takes no bound parameters; the value is our own integer.
    db.RunScript("PRAGMA user_version = " + std::to_string(latest));
    db.Run("COMMIT");
  } catch (...) {
    RollbackQuietly(db);
    throw;
  }
  return latest;
}

}  // namespace cognito::storage
