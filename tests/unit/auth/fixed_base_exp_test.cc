#include "auth/fixed_base_exp.h"

#include <gtest/gtest.h>

#include <string>

#include "auth/openssl_ptr.h"
#include "test_vectors.h"

namespace cognito::auth {
namespace {

BignumPtr Hex(const std::string& hex) {
  BIGNUM* bn = nullptr;
  EXPECT_NE(BN_hex2bn(&bn, hex.c_str()), 0) << hex;
  return BignumPtr(bn);
}

struct ModGroup {
  BignumPtr modulus;
  BignumPtr base;
  BnCtxPtr ctx{BN_CTX_new()};
  BnMontCtxPtr mont{BN_MONT_CTX_new()};

  ModGroup(const std::string& modulus_hex, const std::string& base_hex)
      : modulus(Hex(modulus_hex)), base(Hex(base_hex)) {
    EXPECT_EQ(BN_MONT_CTX_set(mont.get(), modulus.get(), ctx.get()), 1);
  }

  // The reference: OpenSSL's general exponentiation.
  std::string Expected(const BIGNUM* exponent) {
    BignumPtr r(BN_new());
    EXPECT_EQ(BN_mod_exp(r.get(), base.get(), exponent, modulus.get(), ctx.get()), 1);
    return Text(r.get());
  }

  static std::string Text(const BIGNUM* n) {
    char* hex = BN_bn2hex(n);
    std::string out(hex);
    OPENSSL_free(hex);
    return out;
  }
};

TEST(FixedBaseExpTest, MatchesTheGeneralExponentiationInTheSrpGroup) {
  ModGroup s(testing::kSrpPrimeHex, "2");
  const FixedBaseExp table(s.base.get(), s.modulus.get(), s.mont.get(), 256);
  EXPECT_EQ(table.max_exponent_bits(), 256);
  const std::string all_ones(64, 'F');
  for (const std::string& e :
       {std::string("0"), std::string("1"), std::string("2"), std::string("3F"),
        std::string("40"), std::string("FFFFFFFFFFFFFFFF"), std::string("10000000000000000"),
        std::string("8") + std::string(63, '0'), all_ones,
        std::string("5D1AF0C3B7E29A6648F0C21E9D37AB45C8E0F1123456789ABCDEF0FEDCBA9876")}) {
    BignumPtr exponent = Hex(e);
    BignumPtr got = table.Pow(exponent.get(), s.ctx.get());
    ASSERT_NE(got, nullptr) << e;
    EXPECT_EQ(ModGroup::Text(got.get()), s.Expected(exponent.get())) << e;
  }
}

// 50 random exponents of 1 to max_bits bits against OpenSSL's general exponentiation.
void ExpectRandomExponentsMatch(ModGroup& s, int max_bits) {
  const FixedBaseExp table(s.base.get(), s.modulus.get(), s.mont.get(), max_bits);
  for (int i = 0; i < 50; ++i) {
    BignumPtr exponent(BN_new());
    const int bits = 1 + i * (max_bits - 1) / 49;
    ASSERT_EQ(BN_rand(exponent.get(), bits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY), 1);
    BignumPtr got = table.Pow(exponent.get(), s.ctx.get());
    ASSERT_NE(got, nullptr);
    EXPECT_EQ(ModGroup::Text(got.get()), s.Expected(exponent.get())) << ModGroup::Text(exponent.get());
  }
}

TEST(FixedBaseExpTest, RandomExponentsAndAnotherBaseAndModulus) {
  // 2^127 - 1 (prime, odd): its 16 bytes fill two words; the base is not the generator.
  ModGroup s("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "123456789ABCDEF");
  ExpectRandomExponentsMatch(s, 100);
}

TEST(FixedBaseExpTest, EntriesOfWholeAndPartialCacheLines) {
  // 2^607 - 1 (a Mersenne prime): ten words per entry, so an entry is read as one 8-word pass
  // and two words on their own.
  ModGroup s("7" + std::string(151, 'F'), "3");
  ExpectRandomExponentsMatch(s, 256);
}

TEST(FixedBaseExpTest, ExponentSizesThatFillTheTablesUnevenly) {
  // The exponent's bits are laid out in six rows of max_bits / 6 columns (rounded up), split
  // among eight tables: sizes below one column per row, one column, a last table with fewer
  // columns than the others, and columns that divide evenly.
  ModGroup s("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "5");
  for (int max_bits : {1, 5, 6, 7, 47, 48, 49, 97, 288}) {
    SCOPED_TRACE(max_bits);
    ExpectRandomExponentsMatch(s, max_bits);
  }
}

TEST(FixedBaseExpTest, RefusesExponentsItDoesNotCover) {
  ModGroup s(testing::kSrpPrimeHex, "2");
  const FixedBaseExp table(s.base.get(), s.modulus.get(), s.mont.get(), 256);
  BignumPtr too_long = Hex("1" + std::string(64, '0'));  // 2^256: 257 bits
  EXPECT_EQ(table.Pow(too_long.get(), s.ctx.get()), nullptr);
  BignumPtr negative = Hex("-5");
  EXPECT_EQ(table.Pow(negative.get(), s.ctx.get()), nullptr);
}

}  // namespace
}  // namespace cognito::auth
