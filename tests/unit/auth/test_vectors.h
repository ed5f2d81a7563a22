// Loads ../shared/spec/vectors.json (path fixed at build time through COGNITO_VECTORS_PATH) for
// the known-answer tests. Loading never skips: a missing or malformed file makes the calling
// test fail. Header-only, test code only; the parsed document is cached per process.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace cognito::auth::testing {

inline const std::optional<nlohmann::json>& LoadVectors() {
  static const std::optional<nlohmann::json> kVectors = []() -> std::optional<nlohmann::json> {
    std::ifstream in(COGNITO_VECTORS_PATH);
    if (!in) {
      return std::nullopt;
    }
    nlohmann::json parsed = nlohmann::json::parse(in, nullptr, false);
    if (parsed.is_discarded()) {
      return std::nullopt;
    }
    return parsed;
  }();
  return kVectors;
}

// The named top-level section; records a fatal failure in the caller's test when absent.
inline nlohmann::json VectorSection(const std::string& name) {
  const std::optional<nlohmann::json>& vectors = LoadVectors();
  if (!vectors) {
    ADD_FAILURE() << "cannot read or parse " << COGNITO_VECTORS_PATH;
    return nlohmann::json();
  }
  if (!vectors->contains(name)) {
    ADD_FAILURE() << "vectors.json has no section '" << name << "'";
    return nlohmann::json();
  }
  return (*vectors)[name];
}

}  // namespace cognito::auth::testing
