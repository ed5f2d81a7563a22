#include "auth/srp.h"

#include <openssl/bn.h>

#include <climits>
#include <memory>
#include <stdexcept>

#include "auth/crypto.h"
#include "auth/fixed_base_exp.h"
#include "auth/openssl_ptr.h"

namespace cognito::auth {
namespace {

// RFC 3526 group 15 (3072-bit MODP), as used by every Cognito client library.
constexpr char kPrimeHex[] =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33"
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864"
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
constexpr size_t kSaltBytes = 16;
// 256 bits, the strength of the 3072-bit group; g^b then takes the fixed-base table's fast path.
constexpr size_t kEphemeralBytes = 32;
// x and b are SHA-256 sized; larger exponents (client-side a in tests) take the general path.
constexpr int kTableExponentBits = 256;
constexpr int kMaxStartAttempts = 8;
constexpr std::string_view kHkdfInfo{"Caldera Derived Key\x01", 20};
constexpr size_t kDerivedKeyBytes = 16;

void Check(int ok, const char* what) {
  if (ok != 1) {
    throw std::runtime_error(std::string("OpenSSL failure in SRP: ") + what);
  }
}

BnCtxPtr NewCtx() {
  BnCtxPtr ctx(BN_CTX_new());
  if (!ctx) {
    throw std::runtime_error("BN_CTX_new failed");
  }
  return ctx;
}

// INT(bytes): unsigned big-endian, any length.
BignumPtr FromBytes(std::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    throw std::length_error("SRP integer too large");
  }
  BignumPtr bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                         static_cast<int>(bytes.size()), nullptr));
  if (!bn) {
    throw std::runtime_error("BN_bin2bn failed");
  }
  return bn;
}

// Marks a BIGNUM that is used as a secret exponent.
BignumPtr SecretFromBytes(std::string_view bytes) {
  BignumPtr bn = FromBytes(bytes);
  BN_set_flags(bn.get(), BN_FLG_CONSTTIME);
  return bn;
}

// PAD(n): Java BigInteger.toByteArray() of a non-negative integer.
std::string Pad(const BIGNUM* n) {
  const int len = BN_num_bytes(n);
  std::string out(static_cast<size_t>(len), '\0');
  if (len > 0) {
    BN_bn2bin(n, reinterpret_cast<unsigned char*>(out.data()));
  }
  if (out.empty() || (static_cast<uint8_t>(out[0]) & 0x80) != 0) {
    out.insert(out.begin(), '\0');
  }
  return out;
}

std::string Normalize(std::string_view bytes) { return Pad(FromBytes(bytes).get()); }

struct Group {
  BignumPtr n;
  BignumPtr g;
  BignumPtr k;
  BnMontCtxPtr mont;
  std::unique_ptr<FixedBaseExp> powers_of_g;
};

Group MakeGroup() {
  Group group;
  BIGNUM* n = nullptr;
  if (BN_hex2bn(&n, kPrimeHex) == 0) {
    throw std::runtime_error("BN_hex2bn(N) failed");
  }
  group.n.reset(n);
  group.g = NewBignum();
  Check(BN_set_word(group.g.get(), 2), "BN_set_word");
  group.k = FromBytes(Sha256(Pad(group.n.get()) + Pad(group.g.get())));
  BnCtxPtr ctx = NewCtx();
  group.mont.reset(BN_MONT_CTX_new());
  if (!group.mont) {
    throw std::runtime_error("BN_MONT_CTX_new failed");
  }
  Check(BN_MONT_CTX_set(group.mont.get(), group.n.get(), ctx.get()), "BN_MONT_CTX_set");
  group.powers_of_g = std::make_unique<FixedBaseExp>(group.g.get(), group.n.get(),
                                                     group.mont.get(), kTableExponentBits);
  return group;
}

// Computed once; afterwards only read, which OpenSSL allows from many threads.
const Group& TheGroup() {
  static const Group group = MakeGroup();
  return group;
}

// base^exp mod N; constant time when exp carries BN_FLG_CONSTTIME.
BignumPtr ModExp(const BIGNUM* base, const BIGNUM* exp, BN_CTX* ctx) {
  const Group& grp = TheGroup();
  BignumPtr r = NewBignum();
  if (BN_get_flags(exp, BN_FLG_CONSTTIME) != 0) {
    Check(BN_mod_exp_mont_consttime(r.get(), base, exp, grp.n.get(), ctx, grp.mont.get()),
          "BN_mod_exp_mont_consttime");
  } else {
    Check(BN_mod_exp_mont(r.get(), base, exp, grp.n.get(), ctx, grp.mont.get()), "BN_mod_exp_mont");
  }
  return r;
}

// g^exp mod N: the fixed-base table for exponents it covers, else the general path.
BignumPtr PowG(const BIGNUM* exp, BN_CTX* ctx) {
  const Group& grp = TheGroup();
  if (BignumPtr r = grp.powers_of_g->Pow(exp, ctx)) {
    return r;
  }
  return ModExp(grp.g.get(), exp, ctx);
}

bool IsZeroModN(const BIGNUM* value, BN_CTX* ctx) {
  BignumPtr r = NewBignum();
  Check(BN_nnmod(r.get(), value, TheGroup().n.get(), ctx), "BN_nnmod");
  return BN_is_zero(r.get()) == 1;
}

std::string VerifierFromX(std::string_view x) {
  BnCtxPtr ctx = NewCtx();
  BignumPtr secret_x = SecretFromBytes(x);
  return Pad(PowG(secret_x.get(), ctx.get()).get());
}

}  // namespace

std::string SrpMultiplier() { return Pad(TheGroup().k.get()); }

std::string SrpComputeX(std::string_view salt, std::string_view pool_name, std::string_view user_id,
                        std::string_view password) {
  std::string identity;
  identity.reserve(pool_name.size() + user_id.size() + 1 + password.size());
  identity.append(pool_name).append(user_id).append(":").append(password);
  return Normalize(Sha256(Normalize(salt) + Sha256(identity)));
}

PasswordVerifier MakePasswordVerifier(std::string_view pool_name, std::string_view user_id,
                                      std::string_view password, Random& random) {
  return MakePasswordVerifierWithSalt(pool_name, user_id, password, random.Bytes(kSaltBytes));
}

PasswordVerifier MakePasswordVerifierWithSalt(std::string_view pool_name, std::string_view user_id,
                                              std::string_view password, std::string_view salt) {
  PasswordVerifier out;
  out.salt = Normalize(salt);
  out.verifier = VerifierFromX(SrpComputeX(out.salt, pool_name, user_id, password));
  return out;
}

bool CheckPassword(const PasswordVerifier& stored, std::string_view pool_name,
                   std::string_view user_id, std::string_view password) {
  const std::string v = VerifierFromX(SrpComputeX(stored.salt, pool_name, user_id, password));
  return ConstantTimeEquals(v, Normalize(stored.verifier));
}

SrpServerStart SrpStartWithB(std::string_view verifier, std::string_view b) {
  const Group& grp = TheGroup();
  BnCtxPtr ctx = NewCtx();
  BignumPtr v = FromBytes(verifier);
  BignumPtr secret_b = SecretFromBytes(b);
  BignumPtr kv = NewBignum();
  Check(BN_mod_mul(kv.get(), grp.k.get(), v.get(), grp.n.get(), ctx.get()), "BN_mod_mul");
  BignumPtr gb = PowG(secret_b.get(), ctx.get());
  BignumPtr big_b = NewBignum();
  Check(BN_mod_add(big_b.get(), kv.get(), gb.get(), grp.n.get(), ctx.get()), "BN_mod_add");
  return SrpServerStart{std::string(b), Pad(big_b.get())};
}

SrpServerStart SrpStart(std::string_view verifier, Random& random) {
  // B == 0 has probability ~2^-3072; the bound only keeps the loop provably finite.
  for (int attempt = 0; attempt < kMaxStartAttempts; ++attempt) {
    SrpServerStart start = SrpStartWithB(verifier, random.Bytes(kEphemeralBytes));
    if (start.B != std::string(1, '\0')) {
      return start;
    }
  }
  throw std::runtime_error("SRP: could not draw a usable b");
}

bool SrpIsValidA(std::string_view A) {
  BnCtxPtr ctx = NewCtx();
  return !IsZeroModN(FromBytes(A).get(), ctx.get());
}

std::string SrpComputeU(std::string_view A, std::string_view B) {
  return Normalize(Sha256(Normalize(A) + Normalize(B)));
}

std::optional<std::string> SrpServerPremaster(std::string_view A, std::string_view B,
                                              std::string_view b, std::string_view verifier) {
  const Group& grp = TheGroup();
  BnCtxPtr ctx = NewCtx();
  BignumPtr a_pub = FromBytes(A);
  BignumPtr u = FromBytes(SrpComputeU(A, B));
  if (IsZeroModN(a_pub.get(), ctx.get()) || BN_is_zero(u.get()) == 1) {
    return std::nullopt;
  }
  BignumPtr v = FromBytes(verifier);
  BignumPtr vu = ModExp(v.get(), u.get(), ctx.get());
  BignumPtr base = NewBignum();
  Check(BN_mod_mul(base.get(), a_pub.get(), vu.get(), grp.n.get(), ctx.get()), "BN_mod_mul");
  BignumPtr secret_b = SecretFromBytes(b);
  return Pad(ModExp(base.get(), secret_b.get(), ctx.get()).get());
}

std::string SrpDeriveKey(std::string_view u, std::string_view premaster) {
  const std::string prk = HmacSha256(Normalize(u), Normalize(premaster));
  return HmacSha256(prk, kHkdfInfo).substr(0, kDerivedKeyBytes);
}

std::optional<std::string> SrpServerKey(std::string_view A, std::string_view B, std::string_view b,
                                        std::string_view verifier) {
  std::optional<std::string> premaster = SrpServerPremaster(A, B, b, verifier);
  if (!premaster) {
    return std::nullopt;
  }
  return SrpDeriveKey(SrpComputeU(A, B), *premaster);
}

std::string SrpSignature(std::string_view key, std::string_view pool_name, std::string_view user_id,
                         std::string_view secret_block_raw, std::string_view timestamp) {
  std::string message;
  message.reserve(pool_name.size() + user_id.size() + secret_block_raw.size() + timestamp.size());
  message.append(pool_name).append(user_id).append(secret_block_raw).append(timestamp);
  return Base64Encode(HmacSha256(key, message));
}

std::string SrpHex(std::string_view raw) { return HexEncode(Normalize(raw)); }

std::optional<std::string> SrpParseHexInt(std::string_view hex) {
  if (hex.empty()) {
    return std::nullopt;
  }
  std::optional<std::string> bytes = HexDecode(hex);
  if (!bytes) {
    return std::nullopt;
  }
  return Normalize(*bytes);
}

std::string SrpClientPublic(std::string_view a) {
  BnCtxPtr ctx = NewCtx();
  BignumPtr secret_a = SecretFromBytes(a);
  return Pad(PowG(secret_a.get(), ctx.get()).get());
}

std::optional<std::string> SrpClientPremaster(std::string_view a, std::string_view B,
                                              std::string_view x) {
  const Group& grp = TheGroup();
  BnCtxPtr ctx = NewCtx();
  BignumPtr b_pub = FromBytes(B);
  BignumPtr u = FromBytes(SrpComputeU(SrpClientPublic(a), B));
  if (IsZeroModN(b_pub.get(), ctx.get()) || BN_is_zero(u.get()) == 1) {
    return std::nullopt;
  }
  BignumPtr secret_x = SecretFromBytes(x);
  BignumPtr gx = PowG(secret_x.get(), ctx.get());
  BignumPtr base = NewBignum();
  Check(BN_mod_mul(base.get(), grp.k.get(), gx.get(), grp.n.get(), ctx.get()), "BN_mod_mul");
  // B - k*g^x is negative as a plain integer in practice; BN_mod_sub reduces into [0, N).
  Check(BN_mod_sub(base.get(), b_pub.get(), base.get(), grp.n.get(), ctx.get()), "BN_mod_sub");
  BignumPtr exp = NewBignum();
  Check(BN_mul(exp.get(), u.get(), secret_x.get(), ctx.get()), "BN_mul");
  BignumPtr secret_a = SecretFromBytes(a);
  Check(BN_add(exp.get(), exp.get(), secret_a.get()), "BN_add");
  BN_set_flags(exp.get(), BN_FLG_CONSTTIME);
  return Pad(ModExp(base.get(), exp.get(), ctx.get()).get());
}

}  // namespace cognito::auth
