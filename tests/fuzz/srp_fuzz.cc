// Fuzz target: the SRP inputs a client controls. The first byte picks the function:
//   0  SrpParseHexInt(rest), checked against a plain reference parser, and SrpHex round trip
//   1  SRP_A: SrpIsValidA and SrpServerKey for A = SrpParseHexInt(rest) (or the raw bytes),
//      against an independent A mod N computation
//   2  ParseSrpTimestamp(rest): whatever it accepts prints back identically
//   3  FormatSrpTimestamp(t) for t = the next 8 bytes (any int64): parses back to t for
//      four-digit years
// Invariants: no crash or undefined behaviour; the equalities above.
#include <openssl/bn.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "auth/openssl_ptr.h"
#include "auth/srp.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using cognito::fuzz::Require;

// RFC 3526 group 15 (3072-bit MODP), the modulus of Cognito's SRP; kept here independently of
// auth/srp.cc so the check below is a second opinion.
constexpr char kPrimeHex[] =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
constexpr int64_t kYear1000 = -30'610'224'000;     // 1000-01-01T00:00:00Z
constexpr int64_t kYear10000 = 253'402'300'800;    // 10000-01-01T00:00:00Z

int HexDigit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// INT(hex) as PAD bytes, the slow obvious way.
std::optional<std::string> ReferenceParseHex(std::string_view hex) {
  if (hex.empty()) {
    return std::nullopt;
  }
  for (const char c : hex) {
    if (HexDigit(c) < 0) {
      return std::nullopt;
    }
  }
  hex.remove_prefix(std::min(hex.find_first_not_of('0'), hex.size()));
  std::string digits = (hex.size() % 2 == 1 ? "0" : "") + std::string(hex);
  std::string bytes;
  for (size_t i = 0; i < digits.size(); i += 2) {
    bytes += static_cast<char>(HexDigit(digits[i]) * 16 + HexDigit(digits[i + 1]));
  }
  if (bytes.empty() || (static_cast<uint8_t>(bytes[0]) & 0x80) != 0) {
    bytes.insert(bytes.begin(), '\0');
  }
  return bytes;
}

bool ReferenceIsZeroModN(std::string_view a) {
  BIGNUM* raw_n = nullptr;
  Require(BN_hex2bn(&raw_n, kPrimeHex) != 0, "BN_hex2bn");
  const cognito::auth::BignumPtr n(raw_n);
  const cognito::auth::BignumPtr value(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(a.data()), static_cast<int>(a.size()), nullptr));
  const cognito::auth::BignumPtr remainder(BN_new());
  const cognito::auth::BnCtxPtr ctx(BN_CTX_new());
  Require(value && remainder && ctx && BN_mod(remainder.get(), value.get(), n.get(), ctx.get()) == 1,
          "BN_mod");
  return BN_is_zero(remainder.get()) == 1;
}

struct ServerSide {
  std::string verifier;
  cognito::auth::SrpServerStart start;
};

const ServerSide& Server() {
  static const ServerSide server = [] {
    ServerSide s;
    s.verifier = cognito::auth::MakePasswordVerifierWithSalt("Fuzz0001", "alice", "Passw0rd!",
                                                             std::string("\x5a\x17\x03", 3))
                     .verifier;
    s.start = cognito::auth::SrpStartWithB(s.verifier, std::string(32, '\x42'));
    return s;
  }();
  return server;
}

void FuzzHex(std::string_view text) {
  const auto parsed = cognito::auth::SrpParseHexInt(text);
  const auto expected = ReferenceParseHex(text);
  Require(parsed == expected, "SrpParseHexInt disagrees with the reference", text);
  if (parsed) {
    Require(cognito::auth::SrpParseHexInt(cognito::auth::SrpHex(*parsed)) == parsed,
            "SrpHex does not round-trip", text);
  }
}

void FuzzA(std::string_view text) {
  const auto parsed = cognito::auth::SrpParseHexInt(text);
  const std::string a = parsed ? *parsed : std::string(text);
  const bool valid = cognito::auth::SrpIsValidA(a);
  Require(valid == (!a.empty() && !ReferenceIsZeroModN(a)), "SrpIsValidA is wrong", text);
  const ServerSide& server = Server();
  const auto key = cognito::auth::SrpServerKey(a, server.start.B, server.start.b, server.verifier);
  Require(key.has_value() == valid, "SrpServerKey and SrpIsValidA disagree", text);
  Require(!key || key->size() == 16, "session key is not 16 bytes", text);
}

void FuzzParseTimestamp(std::string_view text) {
  const auto seconds = cognito::auth::ParseSrpTimestamp(text);
  if (seconds) {
    Require(cognito::auth::FormatSrpTimestamp(*seconds) == text, "timestamp does not print back",
            text);
  }
}

void FuzzFormatTimestamp(std::string_view bytes) {
  if (bytes.size() < sizeof(int64_t)) {
    return;
  }
  int64_t seconds = 0;
  std::memcpy(&seconds, bytes.data(), sizeof seconds);
  const std::string text = cognito::auth::FormatSrpTimestamp(seconds);
  // Outside four-digit years the text is meaningless (std::chrono's civil calendar wraps), but
  // it must still be computed without undefined behaviour.
  if (seconds >= kYear1000 && seconds < kYear10000) {
    Require(cognito::auth::ParseSrpTimestamp(text) == seconds,
            "timestamp does not parse back to the same time", text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 4) {
    case 0:
      FuzzHex(rest);
      break;
    case 1:
      FuzzA(rest);
      break;
    case 2:
      FuzzParseTimestamp(rest);
      break;
    default:
      FuzzFormatTimestamp(rest);
      break;
  }
  return 0;
}
