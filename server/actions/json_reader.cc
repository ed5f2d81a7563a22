#include "server/actions/json_reader.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace cognito::actions {

namespace {

using Json = nlohmann::json;

// Bytes a string holds as they are: printable ASCII and DEL, but not '"' or '\'.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) {
    plain[static_cast<size_t>(c)] = c != '"' && c != '\\';
  }
  return plain;
}();

// The one-character escapes after a backslash, and the characters they stand for.
constexpr std::string_view kEscapes = "\"\\/bfnrt";
constexpr std::string_view kEscaped = "\"\\/\b\f\n\r\t";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class Reader {
 public:
  Reader(std::string_view text, int max_depth)
      : p_(text.data()), end_(text.data() + text.size()), max_depth_(max_depth) {}

  JsonReadResult Document(Json& out) {
    if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) {
      p_ += 3;
    }
    if (!Value(out, 0)) {
      return too_deep_ ? JsonReadResult::kTooDeep : JsonReadResult::kSyntaxError;
    }
    SkipSpace();
    return p_ == end_ ? JsonReadResult::kOk : JsonReadResult::kSyntaxError;
  }

 private:
  // A value inside `depth` arrays and objects, after optional whitespace. Like nlohmann's
  // depth callback, the depth counts once a scalar has been read whole, or at an opening bracket.
  bool Value(Json& out, int depth) {
    SkipSpace();
    if (p_ == end_) {
      return false;
    }
    if (*p_ == '{' || *p_ == '[') {
      return Within(depth) && (*p_ == '{' ? Object(out, depth) : Array(out, depth));
    }
    return Scalar(out) && Within(depth);
  }

  bool Within(int depth) {
    too_deep_ = depth > max_depth_;
    return !too_deep_;
  }

  bool Scalar(Json& out) {
    switch (*p_) {
      case '"': {
        std::string s;
        if (!String(s)) {
          return false;
        }
        out = std::move(s);
        return true;
      }
      case 't':
        out = true;
        return Literal("true");
      case 'f':
        out = false;
        return Literal("false");
      case 'n':
        out = nullptr;
        return Literal("null");
      default:
        return Number(out);
    }
  }

  bool Object(Json& out, int depth) {
    ++p_;
    out = Json::object();
    auto& members = out.get_ref<Json::object_t&>();
    if (TakeIf('}')) {
      return true;
    }
    for (;;) {
      SkipSpace();
      std::string key;
      if (p_ == end_ || *p_ != '"' || !String(key) || !Within(depth + 1) || Take() != ':') {
        return false;
      }
      if (!Value(members[std::move(key)], depth + 1)) {  // a repeated key: the last one wins
        return false;
      }
      if (const char c = Take(); c != ',') {
        return c == '}';
      }
    }
  }

  bool Array(Json& out, int depth) {
    ++p_;
    out = Json::array();
    auto& items = out.get_ref<Json::array_t&>();
    if (TakeIf(']')) {
      return true;
    }
    for (;;) {
      if (!Value(items.emplace_back(), depth + 1)) {
        return false;
      }
      if (const char c = Take(); c != ',') {
        return c == ']';
      }
    }
  }

  bool String(std::string& out) {
    ++p_;  // the opening quote
    for (;;) {
      const char* run = p_;
      while (p_ != end_ && kPlain[static_cast<unsigned char>(*p_)]) {
        ++p_;
      }
      out.append(run, p_);
      if (p_ == end_) {
        return false;
      }
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c == '\\') {
        if (!Escape(out)) {
          return false;
        }
      } else if (c < 0x20 || !Utf8Sequence(out)) {
        return false;
      }
    }
  }

  bool Escape(std::string& out) {
    if (++p_ == end_) {
      return false;
    }
    const char c = *p_++;
    if (c == 'u') {
      return CodePoint(out);
    }
    const size_t at = kEscapes.find(c);
    if (at == std::string_view::npos) {
      return false;
    }
    out.push_back(kEscaped[at]);
    return true;
  }

  // After "\u": four hex digits; a high surrogate must be followed by "\u" and a low one.
  bool CodePoint(std::string& out) {
    uint32_t cp = 0;
    if (!Hex4(cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) {
      return false;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') {
        return false;
      }
      p_ += 2;
      if (!Hex4(low) || low < 0xDC00 || low > 0xDFFF) {
        return false;
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(cp, out);
    return true;
  }

  bool Hex4(uint32_t& value) {
    if (end_ - p_ < 4) {
      return false;
    }
    const auto [end, error] = std::from_chars(p_, p_ + 4, value, 16);
    if (error != std::errc() || end != p_ + 4) {
      return false;
    }
    p_ += 4;
    return true;
  }

  // One well-formed multi-byte UTF-8 sequence (no overlong forms, no surrogates, <= U+10FFFF).
  bool Utf8Sequence(std::string& out) {
    const auto c = static_cast<unsigned char>(*p_);
    long length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      low = c == 0xE0 ? 0xA0 : 0x80;
      high = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      low = c == 0xF0 ? 0x90 : 0x80;
      high = c == 0xF4 ? 0x8F : 0xBF;
    } else {
      return false;
    }
    if (end_ - p_ < length) {
      return false;
    }
    for (long i = 1; i < length; ++i) {
      const auto b = static_cast<unsigned char>(p_[i]);
      if (b < (i == 1 ? low : 0x80) || b > (i == 1 ? high : 0xBF)) {
        return false;
      }
    }
    out.append(p_, static_cast<size_t>(length));
    p_ += length;
    return true;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?: an integer that fits 64 bits stays one
  // (unsigned unless negative); anything else is a double, which must be finite.
  bool Number(Json& out) {
    const char* start = p_;
    const bool negative = *p_ == '-';
    if (negative) {
      ++p_;
    }
    if (p_ == end_ || !IsDigit(*p_)) {
      return false;
    }
    if (*p_++ != '0') {
      SkipDigits();
    }
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      integer = false;
      if (!SkipDigits()) {
        return false;
      }
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      integer = false;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) {
        ++p_;
      }
      if (!SkipDigits()) {
        return false;
      }
    }
    if (integer && Integer(start, negative, out)) {
      return true;
    }
    const std::string text(start, p_);
    const double value = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(value)) {
      return false;
    }
    out = value;
    return true;
  }

  bool Integer(const char* start, bool negative, Json& out) const {
    if (negative) {
      int64_t value = 0;
      if (std::from_chars(start, p_, value).ec != std::errc()) {
        return false;
      }
      out = value;
    } else {
      uint64_t value = 0;
      if (std::from_chars(start, p_, value).ec != std::errc()) {
        return false;
      }
      out = value;
    }
    return true;
  }

  // Skips [0-9]*; true when it skipped at least one digit.
  bool SkipDigits() {
    const char* start = p_;
    while (p_ != end_ && IsDigit(*p_)) {
      ++p_;
    }
    return p_ != start;
  }

  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  // Skips whitespace and takes the next character: '\0' at the end of the text, which no
  // caller expects (a raw NUL byte in the text is refused just the same).
  char Take() {
    SkipSpace();
    return p_ == end_ ? '\0' : *p_++;
  }

  // Skips whitespace and takes `c` if it comes next.
  bool TakeIf(char c) {
    SkipSpace();
    if (p_ == end_ || *p_ != c) {
      return false;
    }
    ++p_;
    return true;
  }

  void SkipSpace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) {
      ++p_;
    }
  }

  const char* p_;
  const char* end_;
  const int max_depth_;
  bool too_deep_ = false;
};

}  // namespace

JsonReadResult ReadJson(std::string_view text, int max_depth, Json& out) {
  return Reader(text, max_depth).Document(out);
}

}  // namespace cognito::actions
