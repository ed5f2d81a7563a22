#include "server/http/wire_format.h"

#include <array>
#include <ctime>

namespace cognito::http {

namespace {

constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::string_view kHexDigits = "0123456789abcdef";

void AppendTwoDigits(std::string& out, int value) {
  out.push_back(static_cast<char>('0' + value / 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

void AppendHex(std::string& out, uint64_t bits, int nibbles) {
  for (int i = nibbles - 1; i >= 0; --i) {
    out.push_back(kHexDigits[static_cast<size_t>((bits >> (4 * i)) & 0xFU)]);
  }
}

// Several device draws: a single 32-bit seed would make ids collide across servers quickly.
std::mt19937_64 SeededFromDevice() {
  std::random_device device;
  std::seed_seq seq{device(), device(), device(), device()};
  return std::mt19937_64(seq);
}

}  // namespace

std::string HttpDate(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  // Names come from fixed tables because strftime's %a/%b follow the process locale.
  std::string out;
  out.reserve(29);
  out += kWeekdays[static_cast<size_t>(utc.tm_wday)];
  out += ", ";
  AppendTwoDigits(out, utc.tm_mday);
  out += ' ';
  out += kMonths[static_cast<size_t>(utc.tm_mon)];
  out += ' ';
  out += std::to_string(utc.tm_year + 1900);
  out += ' ';
  AppendTwoDigits(out, utc.tm_hour);
  out += ':';
  AppendTwoDigits(out, utc.tm_min);
  out += ':';
  AppendTwoDigits(out, utc.tm_sec);
  out += " GMT";
  return out;
}

std::string SanitizeHeaderValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c >= 0x20 && c <= 0x7E) {
      out.push_back(c);
    }
  }
  return out;
}

std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20) {
      out += "\\u00";
      AppendHex(out, byte, 2);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string JsonErrorBody(std::string_view type, std::string_view message) {
  return "{\"__type\":\"" + JsonEscape(type) + "\",\"message\":\"" + JsonEscape(message) + "\"}";
}

RequestIdGenerator::RequestIdGenerator() : engine_(SeededFromDevice()) {}

RequestIdGenerator::RequestIdGenerator(uint64_t seed) : engine_(seed) {}

std::string RequestIdGenerator::Next() {
  uint64_t high = engine_();
  uint64_t low = engine_();
  high = (high & ~uint64_t{0xF000}) | uint64_t{0x4000};            // version 4
  low = (low & ~(uint64_t{0xC} << 60U)) | (uint64_t{0x8} << 60U);  // variant 10xx
  std::string out;
  out.reserve(36);
  AppendHex(out, high >> 32U, 8);
  out.push_back('-');
  AppendHex(out, high >> 16U, 4);
  out.push_back('-');
  AppendHex(out, high, 4);
  out.push_back('-');
  AppendHex(out, low >> 48U, 4);
  out.push_back('-');
  AppendHex(out, low, 12);
  return out;
}

}  // namespace cognito::http
