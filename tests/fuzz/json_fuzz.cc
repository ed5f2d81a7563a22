// Fuzz target: the request-body JSON reader (server/actions/json_reader.h), differentially.
// Byte 1 sets the depth limit (0-7, so that the limit is reached often); the rest is the text.
// Invariants: ReadJson agrees with nlohmann::json::parse in strict mode: both accept the text
// and build the same value (number types included), or both refuse it, except that the reader
// refuses any raw NUL byte, which nlohmann takes for the end of the input; and its depth verdict
// is the one a depth callback on nlohmann's parser gives (the request path's contract).
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "server/actions/json_reader.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/unit/actions/json_reference.h"

namespace {

using cognito::actions::JsonReadResult;
using cognito::actions::ReadJson;
using cognito::actions::reference::NlohmannVerdict;
using cognito::actions::reference::SameJson;
using cognito::fuzz::Require;
using Json = nlohmann::json;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  const int limit = data[0] % 8;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool has_nul = text.find('\0') != std::string::npos;

  Json deep;
  const JsonReadResult verdict = ReadJson(text, limit, deep);
  if (has_nul) {
    Require(verdict != JsonReadResult::kOk, "a raw NUL byte was accepted", text);
  } else {
    Require(verdict == NlohmannVerdict(text, limit), "depth verdict differs from nlohmann's", text);
  }

  // Deep enough for anything but nesting attacks, shallow enough that the reader's recursion
  // (and SameJson's) stays far from the stack's end under ASan, whatever -max_len is.
  constexpr int kDeepLimit = 256;
  Json got;
  const JsonReadResult result = ReadJson(text, kDeepLimit, got);
  if (has_nul) {
    Require(result != JsonReadResult::kOk, "a raw NUL byte was accepted", text);
    return 0;
  }
  if (result == JsonReadResult::kTooDeep) {
    Require(NlohmannVerdict(text, kDeepLimit) == JsonReadResult::kTooDeep,
            "depth verdict differs from nlohmann's", text);
    return 0;
  }
  const Json expected = Json::parse(text, nullptr, false);
  Require((result == JsonReadResult::kOk) == !expected.is_discarded(),
          "accepts what nlohmann refuses, or the reverse", text);
  if (result == JsonReadResult::kOk) {
    Require(SameJson(got, expected), "builds a different value than nlohmann", text);
  }
  return 0;
}
