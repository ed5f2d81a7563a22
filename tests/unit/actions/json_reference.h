// The reference that server/actions/json_reader.h is checked against, shared by its unit test and
// the `json` fuzz target: nlohmann's own parser, with a depth callback as the request path had.
// Header-only; pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "server/actions/json_reader.h"

namespace cognito::actions::reference {

// Same type at every level (unsigned, signed and float numbers apart) and same values; floats
// bitwise, so that -0.0 and 0.0 differ.
inline bool SameJson(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type() || a.size() != b.size()) {
    return false;
  }
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key()) || !SameJson(*it, b.at(it.key()))) {
        return false;
      }
    }
    return true;
  }
  if (a.is_array()) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (!SameJson(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
  if (a.is_number_float()) {
    return std::signbit(a.get<double>()) == std::signbit(b.get<double>()) && a == b;
  }
  return a == b;
}

// nlohmann's verdict on `text` when a callback refuses any event deeper than `limit`.
inline JsonReadResult NlohmannVerdict(const std::string& text, int limit) {
  bool too_deep = false;
  const nlohmann::json parsed = nlohmann::json::parse(
      text,
      [&too_deep, limit](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        too_deep = too_deep || depth > limit;
        return !too_deep;
      },
      false);
  if (too_deep) {
    return JsonReadResult::kTooDeep;
  }
  return parsed.is_discarded() ? JsonReadResult::kSyntaxError : JsonReadResult::kOk;
}

}  // namespace cognito::actions::reference
