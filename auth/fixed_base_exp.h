// base^e mod n for one fixed base and short exponents, from a table of precomputed powers.
//
// SRP raises the generator g to a 256-bit secret on every password check, verifier and server
// challenge (g^x, g^b). A square-and-multiply exponentiation over the 3072-bit group costs about
// 300 Montgomery operations; this one costs about 50 (a Lim-Lee comb). The exponent's bits are
// laid out as kDigitBits rows of `columns` bits; each column (one bit of every row) is a digit
// that picks one of 2^kDigitBits precomputed products; the columns are split among kTables
// tables. g^e then costs one multiplication per column but the first (42 for 256 bits) and one
// squaring per column of a table, less one (5). The tables take 192 KiB for a 3072-bit modulus.
// One table per column (no squarings) took 1 MiB, which fell out of the caches when RSA signing
// ran on the same cores: g^x was ~14% of a password sign-in's CPU, against ~9.5% with these.
//
// Side channels: each entry is picked by reading the whole table and masking, so the memory
// accessed does not depend on the exponent; the multiplications are OpenSSL's Montgomery
// multiplication.
// Threads: immutable after construction; Pow() may run on many threads at once.
#pragma once

#include <openssl/bn.h>

#include <cstdint>
#include <vector>

#include "auth/openssl_ptr.h"

namespace cognito::auth {

class FixedBaseExp {
 public:
  static constexpr int kDigitBits = 6;
  static constexpr int kTables = 8;

  // `mont` must be set up for `modulus` and outlive this object. Takes about 750 Montgomery
  // multiplications (a few milliseconds for 3072 bits).
  FixedBaseExp(const BIGNUM* base, const BIGNUM* modulus, BN_MONT_CTX* mont,
               int max_exponent_bits);

  int max_exponent_bits() const { return max_bits_; }

  // base^exponent mod modulus, or null when the exponent is negative or has more than
  // max_exponent_bits() bits (use a general exponentiation for those).
  BignumPtr Pow(const BIGNUM* exponent, BN_CTX* ctx) const;

 private:
  // Where the entry of (table, digit) starts in entries_, in words.
  size_t Offset(int table, unsigned digit) const;

  BN_MONT_CTX* mont_;  // only read; OpenSSL 3 takes it non-const
  int max_bits_;
  int columns_;              // bits per row: max_bits_ / kDigitBits, rounded up
  int steps_;                // columns per table: columns_ / kTables, rounded up
  int table_count_;          // tables in use: columns_ / steps_, rounded up (kTables at most)
  size_t entry_words_;       // 64-bit words per entry: the modulus' size, rounded up
  BignumPtr one_;            // 1 in Montgomery form
  // Table t, entry d (bits d_i): the product of base^(2^(i * columns_ + t * steps_)) over the
  // set bits i of d, in Montgomery form, little-endian words.
  std::vector<uint64_t> entries_;
};

}  // namespace cognito::auth
