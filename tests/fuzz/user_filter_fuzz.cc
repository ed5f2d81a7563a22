// Fuzz target: the ListUsers Filter parser. The whole input is the filter text.
// Invariants: ParseUserFilter only ever throws CognitoError (InvalidParameterException); a filter
// it accepts names a searchable attribute, and printing it back canonically (value quoted, '"'
// and '\' escaped) parses to the same filter.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/actions/error.h"
#include "server/actions/user_filter.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using cognito::actions::CognitoError;
using cognito::actions::ParseUserFilter;
using cognito::fuzz::Require;
using cognito::storage::UserFilter;

std::string Print(const UserFilter& filter) {
  std::string out = filter.attribute;
  out += filter.op == UserFilter::Op::kStartsWith ? " ^= \"" : " = \"";
  for (const char c : filter.value) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::optional<UserFilter> filter;
  try {
    filter = ParseUserFilter(text);
  } catch (const CognitoError& e) {
    Require(std::string_view(e.type()) == "InvalidParameterException", "unexpected error type", e.type());
    return 0;
  }
  if (!filter) {
    Require(text.find_first_not_of(' ') == std::string::npos, "non-blank filter ignored", text);
    return 0;
  }
  const std::string printed = Print(*filter);
  const std::optional<UserFilter> again = ParseUserFilter(printed);
  Require(again.has_value() && again->attribute == filter->attribute && again->op == filter->op &&
              again->value == filter->value,
          "canonical form parses differently", text + " -> " + printed);
  return 0;
}
