// Readers for request members. The model validator has already checked types and constraints,
// so these only handle presence; JSON null counts as absent everywhere.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "server/actions/context.h"

namespace cognito::actions {

// A required string member (validation guarantees presence for model-required members).
std::string Str(const Json& in, const char* name);
std::optional<std::string> OptStr(const Json& in, const char* name);
std::optional<int64_t> OptInt(const Json& in, const char* name);
std::optional<bool> OptBool(const Json& in, const char* name);
// The member if it is present and not null, else nullptr.
const Json* OptMember(const Json& in, const char* name);
// A string map member (AuthParameters, ClientMetadata ...); null values are dropped.
std::map<std::string, std::string> StrMap(const Json& in, const char* name);

// The key a PaginationToken (base64url of the last key listed) continues after; "" when absent.
// InvalidParameterException "Invalid pagination token" when it does not decode.
std::string PaginationAfter(const Json& in);

// Epoch seconds with millisecond fraction, the wire form of Cognito timestamps.
Json Timestamp(int64_t millis);

}  // namespace cognito::actions
