#include "auth/totp.h"

#include <array>

#include "auth/crypto.h"

namespace cognito::auth {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a';
  }
  if (c >= '2' && c <= '7') {
    return c - '2' + 26;
  }
  return -1;
}

// Eight big-endian bytes of the moving factor (RFC 4226 §5.2).
std::string CounterBytes(uint64_t counter) {
  std::string bytes(8, '\0');
  for (size_t i = 0; i < 8; ++i) {
    bytes[7 - i] = static_cast<char>(counter & 0xffU);
    counter >>= 8;
  }
  return bytes;
}

}  // namespace

std::string Base32Encode(std::string_view raw) {
  std::string out;
  out.reserve((raw.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : raw) {
    buffer = (buffer << 8) | static_cast<uint8_t>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Alphabet[(buffer >> bits) & 0x1fU]);
    }
    buffer &= (1U << bits) - 1;
  }
  if (bits > 0) {
    out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1fU]);
  }
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') {
    text.remove_suffix(1);
  }
  // A final quantum of 1, 3 or 6 characters cannot come from whole bytes.
  const size_t tail = text.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() * 5 / 8);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int value = Base32Value(c);
    if (value < 0) {
      return std::nullopt;
    }
    buffer = (buffer << 5) | static_cast<uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xffU));
      buffer &= (1U << bits) - 1;
    }
  }
  if (buffer != 0) {
    return std::nullopt;  // the padding bits of the last character must be zero
  }
  return out;
}

std::string HotpCode(std::string_view key, uint64_t counter, int digits) {
  static constexpr std::array<uint32_t, 9> kPowers = {1,      10,      100,      1000,     10000,
                                                      100000, 1000000, 10000000, 100000000};
  const int width = digits < 6 ? 6 : (digits > 8 ? 8 : digits);
  const std::string mac = HmacSha1(key, CounterBytes(counter));
  const size_t offset = static_cast<uint8_t>(mac[19]) & 0x0fU;
  const uint32_t binary =
      ((static_cast<uint32_t>(static_cast<uint8_t>(mac[offset])) & 0x7fU) << 24) |
      (static_cast<uint32_t>(static_cast<uint8_t>(mac[offset + 1])) << 16) |
      (static_cast<uint32_t>(static_cast<uint8_t>(mac[offset + 2])) << 8) |
      static_cast<uint32_t>(static_cast<uint8_t>(mac[offset + 3]));
  std::string code = std::to_string(binary % kPowers[static_cast<size_t>(width)]);
  return std::string(static_cast<size_t>(width) - code.size(), '0') + code;
}

int64_t TotpStep(int64_t unix_seconds) {
  // Floor division, so that times before the epoch do not round towards zero.
  int64_t step = unix_seconds / kTotpStepSeconds;
  if (unix_seconds % kTotpStepSeconds < 0) {
    --step;
  }
  return step;
}

std::string TotpCode(std::string_view key, int64_t unix_seconds) {
  return HotpCode(key, static_cast<uint64_t>(TotpStep(unix_seconds)));
}

std::optional<int64_t> MatchTotp(std::string_view key, std::string_view code, int64_t unix_seconds,
                                 int64_t last_used_step) {
  const int64_t now = TotpStep(unix_seconds);
  for (int64_t step : {now, now - kTotpWindow, now + kTotpWindow}) {
    if (step <= last_used_step || step < 0) {
      continue;
    }
    if (ConstantTimeEquals(HotpCode(key, static_cast<uint64_t>(step)), code)) {
      return step;
    }
  }
  return std::nullopt;
}

}  // namespace cognito::auth
