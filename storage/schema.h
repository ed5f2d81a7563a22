// Schema migrations of the store database.
//
// The schema is an ordered list of numbered SQL scripts; `PRAGMA user_version` records how many
// have been applied. ApplyMigrations runs the missing ones in a single BEGIN IMMEDIATE
// transaction, so two processes opening a new database at once apply them exactly once (the
// second waits on busy_timeout, then sees the new version). Stateless; thread rules are those of
// the Connection passed in.
#pragma once

#include <string_view>
#include <vector>

#include "storage/sqlite.h"

namespace cognito::storage {

// The migration scripts, oldest first; migration N is element N-1. Never edit a published
// script: append a new one.
const std::vector<std::string_view>& Migrations();

// The schema version a fully migrated database has (the number of migrations).
int LatestSchemaVersion();

// Reads `PRAGMA user_version`.
int ReadSchemaVersion(Connection& db);

// Applies every pending migration; returns the schema version afterwards. Throws StoreError if
// the database was written by a newer build (its version is above LatestSchemaVersion()) or if
// a transaction is already open on `db`.
int ApplyMigrations(Connection& db);

}  // namespace cognito::storage
