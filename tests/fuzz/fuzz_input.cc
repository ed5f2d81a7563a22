#include "tests/fuzz/fuzz_input.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace cognito::fuzz {

namespace {

constexpr size_t kMaxDetail = 2000;

}  // namespace

std::string_view TakeLine(std::string_view& input) {
  const size_t end = input.find('\n');
  const std::string_view line = input.substr(0, end);
  input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
  return line;
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  if (from.empty()) {
    return text;
  }
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string ExpandRepeats(std::string_view text, size_t budget) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i + 1;
    size_t count = 0;
    while (text[i] == '$' && j < text.size() && text[j] >= '0' && text[j] <= '9' && count <= budget) {
      count = count * 10 + static_cast<size_t>(text[j] - '0');
      ++j;
    }
    if (j == i + 1 || j + 1 >= text.size() || text[j] != '*') {
      out += text[i++];
      continue;
    }
    // The unit is one character, or the text between two backquotes.
    std::string_view unit = text.substr(j + 1, 1);
    size_t next = j + 2;
    if (unit == "`") {
      const size_t close = text.find('`', j + 2);
      if (close != std::string_view::npos) {
        unit = text.substr(j + 2, close - j - 2);
        next = close + 1;
      }
    }
    for (size_t k = 0; k < count && unit.size() <= budget && !unit.empty(); ++k) {
      out.append(unit);
      budget -= unit.size();
    }
    i = next;
  }
  return out;
}

void Require(bool condition, std::string_view what, std::string_view detail) {
  if (condition) {
    return;
  }
  const std::string_view shown = detail.substr(0, kMaxDetail);
  std::fprintf(stderr, "\nFUZZ INVARIANT BROKEN: %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(shown.size()), shown.data());
  std::abort();
}

}  // namespace cognito::fuzz
