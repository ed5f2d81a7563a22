// A strict JSON reader (RFC 8259) for request bodies. It accepts exactly the texts that
// nlohmann::json::parse accepts in its strict mode, comments off, and builds the same values
// (integers as number_unsigned / number_integer, floats as number_float, the last of duplicate
// keys wins, a leading UTF-8 byte order mark is skipped), but copies whole runs of a string at
// once instead of one character at a time: a request carries a token of about a kilobyte, and
// nlohmann's lexer took ~12 us to read one. Stateless and thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace cognito::actions {

enum class JsonReadResult { kOk, kSyntaxError, kTooDeep };

// Parses `text` into `out`. kTooDeep when a value lies inside more than `max_depth` arrays and
// objects (the reader stops there, so depth costs no stack); `out` is unspecified unless kOk.
JsonReadResult ReadJson(std::string_view text, int max_depth, nlohmann::json& out);

}  // namespace cognito::actions
