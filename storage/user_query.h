// SQL for ListUsers pages, one statement shape per filter kind.
//
// Pure functions, no database access, safe from any thread. Split out of the Store so tests can
// check each shape's query plan (it must search an index, never scan the pool).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/records.h"

namespace cognito::storage {

// Columns of `users u` in the order ReadUserRow-style readers expect.
inline constexpr std::string_view kUserColumns =
    "u.pool_id, u.username, u.sub, u.status, u.enabled, u.password_set_ms, u.created_ms, "
    "u.modified_ms";

// A statement selecting kUserColumns. Parameters: ?1 pool_id, ?2 after_username (empty = from
// the start), ?3 limit (-1 = none), then `values` bound as text to ?4, ?5, ... When
// `matches_nothing` is true the filter can match no user and `sql` is empty.
struct UserListQuery {
  std::string sql;
  std::vector<std::string> values;
  bool matches_nothing = false;
};

UserListQuery BuildUserListQuery(const std::optional<UserFilter>& filter);

// The smallest byte string greater than every string starting with `prefix`, so that
// `prefix <= x < bound` selects exactly the strings with that prefix under BINARY collation.
// nullopt when no such bound exists (empty prefix, or only 0xFF bytes).
std::optional<std::string> PrefixUpperBound(std::string_view prefix);

}  // namespace cognito::storage
