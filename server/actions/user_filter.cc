#include "server/actions/user_filter.h"

#include <array>
#include <string_view>

#include "server/actions/error.h"

namespace cognito::actions {

namespace {

constexpr std::array<std::string_view, 10> kSearchable = {
    "username",           "email",  "phone_number", "name", "given_name", "family_name",
    "preferred_username", "cognito:user_status", "status", "sub"};

[[noreturn]] void Malformed() { throw CognitoError::InvalidParameter("Error while parsing filter."); }

void SkipSpaces(std::string_view s, size_t& i) {
  while (i < s.size() && s[i] == ' ') {
    ++i;
  }
}

}  // namespace

std::optional<storage::UserFilter> ParseUserFilter(const std::string& text) {
  std::string_view s = text;
  size_t i = 0;
  SkipSpaces(s, i);
  if (i == s.size()) {
    return std::nullopt;
  }
  const size_t name_start = i;
  while (i < s.size() && s[i] != ' ' && s[i] != '=' && s[i] != '^') {
    ++i;
  }
  storage::UserFilter filter;
  filter.attribute = std::string(s.substr(name_start, i - name_start));
  SkipSpaces(s, i);
  if (s.substr(i, 2) == "^=") {
    filter.op = storage::UserFilter::Op::kStartsWith;
    i += 2;
  } else if (s.substr(i, 1) == "=") {
    filter.op = storage::UserFilter::Op::kEquals;
    i += 1;
  } else {
    Malformed();
  }
  SkipSpaces(s, i);
  if (i >= s.size() || s[i] != '"') {
    Malformed();
  }
  ++i;
  bool closed = false;
  for (; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      filter.value.push_back(s[++i]);
    } else if (s[i] == '"') {
      closed = true;
      ++i;
      break;
    } else {
      filter.value.push_back(s[i]);
    }
  }
  SkipSpaces(s, i);
  if (!closed || i != s.size()) {
    Malformed();
  }
  bool searchable = false;
  for (auto name : kSearchable) {
    searchable = searchable || name == filter.attribute;
  }
  if (!searchable) {
    throw CognitoError::InvalidParameter("Invalid search attribute: " + filter.attribute);
  }
  return filter;
}

}  // namespace cognito::actions
