// Parses the ListUsers Filter expression: `attribute = "value"` or `attribute ^= "value"`
// over the searchable attributes Cognito documents. Pure; no I/O.
#pragma once

#include <optional>
#include <string>

#include "storage/records.h"

namespace cognito::actions {

// nullopt for an empty/blank filter; throws InvalidParameterException on a malformed one.
std::optional<storage::UserFilter> ParseUserFilter(const std::string& text);

}  // namespace cognito::actions
