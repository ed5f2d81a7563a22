#include "auth/fixed_base_exp.h"

#include <openssl/crypto.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

namespace cognito::auth {
namespace {

constexpr unsigned kDigits = 1u << FixedBaseExp::kDigitBits;

void Check(int ok, const char* what) {
  if (ok != 1) {
    throw std::runtime_error(std::string("OpenSSL failure in fixed-base exponentiation: ") + what);
  }
}

// All ones when a == b, else zero, without a branch on the values.
uint64_t EqualMask(unsigned a, unsigned b) {
  const uint64_t diff = a ^ b;                  // below 2^kDigitBits
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

// Column `column` of the exponent's little-endian bytes: bit i of the digit is the exponent's bit
// i * columns + column. Bits beyond the exponent's bytes are zero.
unsigned Digit(const unsigned char* bytes, size_t size, int columns, int column) {
  unsigned digit = 0;
  for (int row = 0; row < FixedBaseExp::kDigitBits; ++row) {
    const size_t at = static_cast<size_t>(row * columns + column);
    if (at / 8 < size) {
      digit |= ((static_cast<unsigned>(bytes[at / 8]) >> (at % 8)) & 1u) << row;
    }
  }
  return digit;
}

void Square(BIGNUM* a, BN_MONT_CTX* mont, BN_CTX* ctx) {
  Check(BN_mod_mul_montgomery(a, a, a, mont, ctx), "BN_mod_mul_montgomery");
}

}  // namespace

FixedBaseExp::FixedBaseExp(const BIGNUM* base, const BIGNUM* modulus, BN_MONT_CTX* mont,
                           int max_exponent_bits)
    : mont_(mont),
      max_bits_(max_exponent_bits),
      columns_((max_exponent_bits + kDigitBits - 1) / kDigitBits),
      steps_((columns_ + kTables - 1) / kTables),
      table_count_((columns_ + steps_ - 1) / steps_),
      entry_words_((static_cast<size_t>(BN_num_bytes(modulus)) + 7) / 8),
      one_(NewBignum()) {
  BnCtxPtr ctx(BN_CTX_new());
  if (!ctx) {
    throw std::runtime_error("BN_CTX_new failed");
  }
  Check(BN_to_montgomery(one_.get(), BN_value_one(), mont_, ctx.get()), "BN_to_montgomery");
  // powers[i * kTables + t] = base^(2^(i * columns_ + t * steps_)), Montgomery form.
  std::vector<BignumPtr> powers(static_cast<size_t>(kDigitBits * kTables));
  BignumPtr power = NewBignum();  // base^(2^bit)
  Check(BN_to_montgomery(power.get(), base, mont_, ctx.get()), "BN_to_montgomery");
  for (int bit = 0; bit < kDigitBits * columns_; ++bit) {
    const int row = bit / columns_;
    const int column = bit % columns_;
    if (column % steps_ == 0) {
      BignumPtr copy(BN_dup(power.get()));
      Check(copy != nullptr ? 1 : 0, "BN_dup");
      powers[static_cast<size_t>(row * kTables + column / steps_)] = std::move(copy);
    }
    Square(power.get(), mont_, ctx.get());
  }
  const int entry_bytes = static_cast<int>(entry_words_ * 8);
  entries_.resize(static_cast<size_t>(table_count_) * kDigits * entry_words_);
  for (int table = 0; table < table_count_; ++table) {
    // Entry d is entry (d without its highest bit) times that bit's power: one multiplication.
    std::vector<BignumPtr> products(kDigits);
    products[0].reset(BN_dup(one_.get()));
    Check(products[0] != nullptr ? 1 : 0, "BN_dup");
    for (unsigned digit = 1; digit < kDigits; ++digit) {
      int top = kDigitBits - 1;
      while (((digit >> top) & 1u) == 0) {
        --top;
      }
      products[digit] = NewBignum();
      Check(BN_mod_mul_montgomery(products[digit].get(), products[digit ^ (1u << top)].get(),
                                  powers[static_cast<size_t>(top * kTables + table)].get(), mont_,
                                  ctx.get()),
            "BN_mod_mul_montgomery");
    }
    for (unsigned digit = 0; digit < kDigits; ++digit) {
      auto* entry = reinterpret_cast<unsigned char*>(entries_.data() + Offset(table, digit));
      Check(BN_bn2lebinpad(products[digit].get(), entry, entry_bytes) == entry_bytes ? 1 : 0,
            "BN_bn2lebinpad");
    }
  }
}

size_t FixedBaseExp::Offset(int table, unsigned digit) const {
  return (static_cast<size_t>(table) * kDigits + digit) * entry_words_;
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
  bool first = true;  // acc holds nothing yet: the first factor is copied, not multiplied by 1
  // g^e = prod over columns c of entry(c / steps_, digit(c))^(2^(c % steps_)): the highest
  // step of every table first, squaring the product between steps.
  for (int step = steps_ - 1; step >= 0; --step) {
    if (step != steps_ - 1) {
      Square(acc.get(), mont_, ctx);
    }
    for (int table = 0; table < table_count_; ++table) {
      const int column = table * steps_ + step;
      if (column >= columns_) {
        continue;  // the last table's columns may end early; depends on the sizes only
      }
      const unsigned digit = Digit(digits.data(), digits.size(), columns_, column);
      SelectEntry(entries_.data() + Offset(table, 0), kDigits, entry_words_, digit,
                  selected.data());
      Check(BN_lebin2bn(reinterpret_cast<const unsigned char*>(selected.data()),
                        static_cast<int>(entry_words_ * 8), factor.get()) != nullptr
                ? 1
                : 0,
            "BN_lebin2bn");
      if (first) {
        Check(BN_copy(acc.get(), factor.get()) != nullptr ? 1 : 0, "BN_copy");
        first = false;
      } else {
        Check(BN_mod_mul_montgomery(acc.get(), acc.get(), factor.get(), mont_, ctx),
              "BN_mod_mul_montgomery");
      }
    }
  }
  OPENSSL_cleanse(digits.data(), digits.size());
  OPENSSL_cleanse(selected.data(), selected.size() * sizeof(uint64_t));
  BignumPtr out = NewBignum();
  Check(BN_from_montgomery(out.get(), acc.get(), mont_, ctx), "BN_from_montgomery");
  return out;
}

}  // namespace cognito::auth
