#include "auth/random.h"

#include <openssl/rand.h>

#include <cstdio>
#include <stdexcept>

namespace cognito::auth {

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
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      out.push_back('-');
    }
    const auto byte = static_cast<uint8_t>(b[i]);
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0f]);
  }
  return out;
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
