#include "auth/random.h"

#include <openssl/rand.h>

#include <cstdio>
#include <stdexcept>

#include "auth/crypto.h"

namespace cognito::auth {
namespace {

// 16 bytes as 8-4-4-4-12 lowercase hex digits.
std::string FormatUuid(const std::string& bytes) {
  std::string text = HexEncode(bytes);
  for (const size_t dash : {size_t{8}, size_t{13}, size_t{18}, size_t{23}}) {
    text.insert(dash, 1, '-');
  }
  return text;
}

}  // namespace

uint32_t Random::Uniform(uint32_t bound) {
  // Rejection sampling keeps the distribution uniform for any bound.
  const uint32_t limit = UINT32_MAX - (UINT32_MAX % bound);
  while (true) {
    std::string b = Bytes(4);
    uint32_t v = 0;
    for (char c : b) {
      v = (v << 8) | static_cast<uint8_t>(c);
    }
    if (v < limit) {
      return v % bound;
    }
  }
}

std::string Random::FromAlphabet(std::string_view alphabet, size_t n) {
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(alphabet[Uniform(static_cast<uint32_t>(alphabet.size()))]);
  }
  return out;
}

std::string Random::Uuid() {
  std::string b = Bytes(16);
  b[6] = static_cast<char>((static_cast<uint8_t>(b[6]) & 0x0f) | 0x40);
  b[8] = static_cast<char>((static_cast<uint8_t>(b[8]) & 0x3f) | 0x80);
  return FormatUuid(b);
}

std::string Random::TimeUuid(int64_t unix_ms) {
  std::string b = Bytes(16);
  const auto ms = static_cast<uint64_t>(unix_ms);
  for (size_t i = 0; i < 6; ++i) {
    b[i] = static_cast<char>((ms >> (8 * (5 - i))) & 0xff);
  }
  b[6] = static_cast<char>((static_cast<uint8_t>(b[6]) & 0x0f) | 0x70);
  b[8] = static_cast<char>((static_cast<uint8_t>(b[8]) & 0x3f) | 0x80);
  return FormatUuid(b);
}

int64_t TimeUuidMillis(std::string_view uuid) {
  // 8-4-4-4-12 hex digits; the version digit (index 14) is 7 and the variant digit 8-b.
  if (uuid.size() != 36 || uuid[8] != '-' || uuid[13] != '-' || uuid[18] != '-' ||
      uuid[23] != '-' || uuid[14] != '7' ||
      std::string_view("89abAB").find(uuid[19]) == std::string_view::npos) {
    return 0;
  }
  std::string digits;
  for (char c : uuid) {
    if (c != '-') {
      digits.push_back(c);
    }
  }
  const auto bytes = HexDecode(digits);
  if (!bytes || bytes->size() != 16) {
    return 0;
  }
  uint64_t ms = 0;
  for (size_t i = 0; i < 6; ++i) {  // the first 48 bits
    ms = (ms << 8) | static_cast<uint8_t>((*bytes)[i]);
  }
  return static_cast<int64_t>(ms);
}

std::string SecureRandom::Bytes(size_t n) {
  std::string out(n, '\0');
  if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return out;
}

std::string SeededRandom::Bytes(size_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out(n, '\0');
  for (auto& c : out) {
    // splitmix64: small, well distributed, deterministic.
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    c = static_cast<char>(z & 0xff);
  }
  return out;
}

}  // namespace cognito::auth
