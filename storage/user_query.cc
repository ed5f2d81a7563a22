#include "storage/user_query.h"

#include <utility>

namespace cognito::storage {
namespace {

constexpr std::string_view kEnabled = "Enabled";
constexpr std::string_view kDisabled = "Disabled";

bool Matches(const UserFilter& filter, std::string_view candidate) {
  if (filter.op == UserFilter::Op::kEquals) {
    return candidate == filter.value;
  }
  return candidate.starts_with(filter.value);
}

// Appends `value` as the next parameter and returns its placeholder.
std::string AddParam(UserListQuery& query, std::string value) {
  query.values.push_back(std::move(value));
  return "?" + std::to_string(3 + query.values.size());
}

// "<column> = ?" or, for a prefix, a half-open range: both keep the comparison on an index,
// unlike LIKE (case-insensitive) or GLOB (needs escaping of * ? [).
std::string ValueCondition(const UserFilter& filter, const std::string& column,
                           UserListQuery& query) {
  if (filter.op == UserFilter::Op::kEquals) {
    return column + " = " + AddParam(query, filter.value);
  }
  std::string condition = column + " >= " + AddParam(query, filter.value);
  if (std::optional<std::string> bound = PrefixUpperBound(filter.value)) {
    condition += " AND " + column + " < " + AddParam(query, std::move(*bound));
  }
  return condition;
}

// A page of the users table; `index` (optional) pins the secondary index that serves
// `condition`, so a planner misestimate can never turn a filtered page into a pool scan.
std::string UsersQuery(std::string_view index, const std::string& condition) {
  std::string sql = "SELECT ";
  sql += kUserColumns;
  sql += " FROM users u";
  if (!index.empty()) {
    sql += " INDEXED BY ";
    sql += index;
  }
  sql += " WHERE u.pool_id = ?1 AND u.username > ?2";
  if (!condition.empty()) {
    sql += " AND " + condition;
  }
  sql += " ORDER BY u.username LIMIT ?3";
  return sql;
}

// Users having attribute `name` matching the filter: walk the (pool_id, name, value) index,
// then fetch each user by primary key. CROSS JOIN fixes that loop order.
UserListQuery AttributeQuery(const UserFilter& filter) {
  UserListQuery query;
  std::string name_param = AddParam(query, filter.attribute);
  std::string condition = ValueCondition(filter, "a.value", query);
  query.sql = "SELECT ";
  query.sql += kUserColumns;
  query.sql +=
      " FROM user_attributes a INDEXED BY user_attributes_by_value CROSS JOIN users u"
      " WHERE a.pool_id = ?1 AND a.name = " +
      name_param + " AND " + condition +
      " AND a.username > ?2 AND u.pool_id = a.pool_id AND u.username = a.username"
      " ORDER BY a.username LIMIT ?3";
  return query;
}

UserListQuery EnabledQuery(const UserFilter& filter) {
  UserListQuery query;
  bool enabled = Matches(filter, kEnabled);
  bool disabled = Matches(filter, kDisabled);
  if (enabled && disabled) {
    query.sql = UsersQuery("", "");
  } else if (enabled || disabled) {
    query.sql = UsersQuery("users_by_enabled", enabled ? "u.enabled = 1" : "u.enabled = 0");
  } else {
    query.matches_nothing = true;
  }
  return query;
}

}  // namespace

std::optional<std::string> PrefixUpperBound(std::string_view prefix) {
  std::string bound(prefix);
  while (!bound.empty()) {
    auto last = static_cast<unsigned char>(bound.back());
    if (last != 0xFF) {
      bound.back() = static_cast<char>(last + 1);
      return bound;
    }
    // 0xFF cannot be incremented: the bound is the shorter prefix, incremented.
    bound.pop_back();
  }
  return std::nullopt;
}

UserListQuery BuildUserListQuery(const std::optional<UserFilter>& filter) {
  if (!filter) {
    return UserListQuery{UsersQuery("", ""), {}, false};
  }
  const std::string& attribute = filter->attribute;
  UserListQuery query;
  if (attribute == "username") {
    std::string condition = ValueCondition(*filter, "u.username", query);
    query.sql = UsersQuery("", condition);
  } else if (attribute == "sub") {
    std::string condition = ValueCondition(*filter, "u.sub", query);
    query.sql = UsersQuery("users_by_sub", condition);
  } else if (attribute == "cognito:user_status") {
    std::string condition = ValueCondition(*filter, "u.status", query);
    query.sql = UsersQuery("users_by_status", condition);
  } else if (attribute == "status") {
    query = EnabledQuery(*filter);
  } else {
    query = AttributeQuery(*filter);
  }
  return query;
}

}  // namespace cognito::storage
