// base^e mod n for one fixed base and short exponents, from a table of precomputed powers.
//
// SRP raises the generator g to a 256-bit secret on every password check, verifier and server
// challenge (g^x, g^b). A square-and-multiply exponentiation over the 3072-bit group costs about
// 300 Montgomery operations; with the table, g^e is one multiplication per 6-bit window of e
// (43 for 256 bits), about 4x faster. The table holds base^(d * 2^(6i)) for every window i and
// digit d (1 MiB for a 3072-bit modulus).
//
// Side channels: each window's entry is picked by reading the whole row and masking, so the
// memory accessed does not depend on the exponent; the multiplications are OpenSSL's Montgomery
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
  static constexpr int kWindowBits = 6;

  // `mont` must be set up for `modulus` and outlive this object. Takes about 3,000 Montgomery
  // multiplications (a few milliseconds for 3072 bits).
  FixedBaseExp(const BIGNUM* base, const BIGNUM* modulus, BN_MONT_CTX* mont,
               int max_exponent_bits);

  int max_exponent_bits() const { return max_bits_; }

  // base^exponent mod modulus, or null when the exponent is negative or has more than
  // max_exponent_bits() bits (use a general exponentiation for those).
  BignumPtr Pow(const BIGNUM* exponent, BN_CTX* ctx) const;

 private:
  // Where the entry of (window, digit) starts in table_, in words.
  size_t Offset(int window, unsigned digit) const;

  BN_MONT_CTX* mont_;  // only read; OpenSSL 3 takes it non-const
  int max_bits_;
  int windows_;
  size_t entry_words_;       // 64-bit words per entry: the modulus' size, rounded up
  BignumPtr one_;            // 1 in Montgomery form
  std::vector<uint64_t> table_;  // windows_ rows of 2^kWindowBits little-endian entries
};

}  // namespace cognito::auth
