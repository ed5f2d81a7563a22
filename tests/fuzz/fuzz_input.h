// Small helpers shared by the fuzz targets and their replay driver: splitting an input into text
// fields, and failing loudly when the code under test breaks one of its promises. Pure functions,
// safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace cognito::fuzz {

// Returns the text before the first '\n' (all of `input` if there is none) and removes it, with
// the '\n', from `input`.
std::string_view TakeLine(std::string_view& input);

// Every occurrence of `from` (non-empty) replaced by `to`.
std::string ReplaceAll(std::string text, std::string_view from, std::string_view to);

// Expands every "$<count>*<c>" (decimal count, one character c, or "`text`") to count copies,
// at most `budget` characters in all (copies beyond it are dropped): lets a small input stand
// for a large body, e.g. "$100000*[" or "$50000*`{"a":`" for deep nesting.
std::string ExpandRepeats(std::string_view text, size_t budget);

// When `condition` is false: prints `what` and `detail` (truncated) to stderr and aborts, which
// libFuzzer reports as a crash and the replay driver as a failed test.
void Require(bool condition, std::string_view what, std::string_view detail = {});

}  // namespace cognito::fuzz
