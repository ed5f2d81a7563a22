#include "auth/fixed_base_exp.h"

#include <openssl/crypto.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace cognito::auth {
namespace {

constexpr unsigned kDigits = 1u << FixedBaseExp::kWindowBits;

void Check(int ok, const char* what) {
  if (ok != 1) {
    throw std::runtime_error(std::string("OpenSSL failure in fixed-base exponentiation: ") + what);
  }
}

// All ones when a == b, else zero, without a branch on the values.
uint64_t EqualMask(unsigned a, unsigned b) {
  const uint64_t diff = a ^ b;                  // below 2^kWindowBits
  return 0 - ((diff - 1) >> 63);                // diff == 0 wraps to 2^64 - 1
}

// Two words at a time: GCC and Clang lower this to one vector register where the target has
// them (SSE2 on x86-64, NEON on arm64) and to two scalar operations elsewhere.
using WordPair = uint64_t __attribute__((vector_size(16)));

// out = the entry whose index is `digit` among `count` entries of `words` words each, read
// whole: every entry is loaded and masked, so the memory touched does not depend on `digit`.
// Eight words (a 64-byte cache line) of every entry per pass, accumulated in registers rather
// than in `out`: a store per word and entry cost more than the loads.
void SelectEntry(const uint64_t* entries, unsigned count, size_t words, unsigned digit,
                 uint64_t* out) {
  constexpr size_t kPassWords = 8;
  size_t first = 0;
  for (; first + kPassWords <= words; first += kPassWords) {
    WordPair acc[kPassWords / 2] = {};
    for (unsigned candidate = 0; candidate < count; ++candidate) {
      const uint64_t mask = EqualMask(candidate, digit);
      const WordPair pair_mask = {mask, mask};
      const uint64_t* line = entries + candidate * words + first;
      for (size_t pair = 0; pair < kPassWords / 2; ++pair) {
        WordPair value;
        std::memcpy(&value, line + 2 * pair, sizeof(value));
        acc[pair] |= value & pair_mask;
      }
    }
    std::memcpy(out + first, acc, sizeof(acc));
  }
  for (; first < words; ++first) {  // a modulus whose size is not a multiple of 512 bits
    uint64_t acc = 0;
    for (unsigned candidate = 0; candidate < count; ++candidate) {
      acc |= entries[candidate * words + first] & EqualMask(candidate, digit);
    }
    out[first] = acc;
  }
}

// Bits [first, first + kWindowBits) of the exponent's little-endian bytes.
unsigned Digit(const unsigned char* bytes, size_t size, int first) {
  unsigned digit = 0;
  for (int bit = 0; bit < FixedBaseExp::kWindowBits; ++bit) {
    const size_t at = static_cast<size_t>(first + bit);
    if (at / 8 < size) {
      digit |= ((static_cast<unsigned>(bytes[at / 8]) >> (at % 8)) & 1u) << bit;
    }
  }
  return digit;
}

}  // namespace

FixedBaseExp::FixedBaseExp(const BIGNUM* base, const BIGNUM* modulus, BN_MONT_CTX* mont,
                           int max_exponent_bits)
    : mont_(mont),
      max_bits_(max_exponent_bits),
      windows_((max_exponent_bits + kWindowBits - 1) / kWindowBits),
      entry_words_((static_cast<size_t>(BN_num_bytes(modulus)) + 7) / 8),
      one_(NewBignum()) {
  BnCtxPtr ctx(BN_CTX_new());
  if (!ctx) {
    throw std::runtime_error("BN_CTX_new failed");
  }
  Check(BN_to_montgomery(one_.get(), BN_value_one(), mont_, ctx.get()), "BN_to_montgomery");
  BignumPtr step = NewBignum();  // base^(2^(kWindowBits * window)), Montgomery form
  Check(BN_to_montgomery(step.get(), base, mont_, ctx.get()), "BN_to_montgomery");
  BignumPtr power = NewBignum();
  const int entry_bytes = static_cast<int>(entry_words_ * 8);
  table_.resize(static_cast<size_t>(windows_) * kDigits * entry_words_);
  for (int window = 0; window < windows_; ++window) {
    Check(BN_copy(power.get(), one_.get()) != nullptr ? 1 : 0, "BN_copy");
    for (unsigned digit = 0; digit < kDigits; ++digit) {
      auto* entry = reinterpret_cast<unsigned char*>(table_.data() + Offset(window, digit));
      Check(BN_bn2lebinpad(power.get(), entry, entry_bytes) == entry_bytes ? 1 : 0,
            "BN_bn2lebinpad");
      Check(BN_mod_mul_montgomery(power.get(), power.get(), step.get(), mont_, ctx.get()),
            "BN_mod_mul_montgomery");
    }
    for (int bit = 0; bit < kWindowBits; ++bit) {
      Check(BN_mod_mul_montgomery(step.get(), step.get(), step.get(), mont_, ctx.get()),
            "BN_mod_mul_montgomery");
    }
  }
}

size_t FixedBaseExp::Offset(int window, unsigned digit) const {
  return (static_cast<size_t>(window) * kDigits + digit) * entry_words_;
}

BignumPtr FixedBaseExp::Pow(const BIGNUM* exponent, BN_CTX* ctx) const {
  if (BN_is_negative(exponent) == 1 || BN_num_bits(exponent) > max_bits_) {
    return nullptr;
  }
  const size_t exponent_bytes = (static_cast<size_t>(max_bits_) + 7) / 8;
  std::vector<unsigned char> digits(exponent_bytes);
  Check(BN_bn2lebinpad(exponent, digits.data(), static_cast<int>(exponent_bytes)) ==
                static_cast<int>(exponent_bytes)
            ? 1
            : 0,
        "BN_bn2lebinpad");
  std::vector<uint64_t> selected(entry_words_);
  BignumPtr factor = NewBignum();
  BignumPtr acc = NewBignum();
  Check(BN_copy(acc.get(), one_.get()) != nullptr ? 1 : 0, "BN_copy");
  for (int window = 0; window < windows_; ++window) {
    const unsigned digit = Digit(digits.data(), digits.size(), window * kWindowBits);
    SelectEntry(table_.data() + Offset(window, 0), kDigits, entry_words_, digit,
                selected.data());
    Check(BN_lebin2bn(reinterpret_cast<const unsigned char*>(selected.data()),
                      static_cast<int>(entry_words_ * 8), factor.get()) != nullptr
              ? 1
              : 0,
          "BN_lebin2bn");
    Check(BN_mod_mul_montgomery(acc.get(), acc.get(), factor.get(), mont_, ctx),
          "BN_mod_mul_montgomery");
  }
  OPENSSL_cleanse(digits.data(), digits.size());
  OPENSSL_cleanse(selected.data(), selected.size() * sizeof(uint64_t));
  BignumPtr out = NewBignum();
  Check(BN_from_montgomery(out.get(), acc.get(), mont_, ctx), "BN_from_montgomery");
  return out;
}

}  // namespace cognito::auth
