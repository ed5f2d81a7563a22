#include "auth/srp.h"

#include <gtest/gtest.h>

#include <string>

#include "auth/crypto.h"
#include "auth/random.h"
#include "test_vectors.h"

namespace cognito::auth {
namespace {

using nlohmann::json;

// INT(hex) in PAD form; an unparsable vector is a test failure, reported by the caller.
std::string Int(const json& value) {
  return SrpParseHexInt(value.get<std::string>()).value_or("<unparsable hex>");
}

std::string Text(const json& value) { return value.get<std::string>(); }

std::string Unbase64(const json& value) {
  return Base64Decode(value.get<std::string>()).value_or("<bad base64>");
}

// Runs the server side of one vector and checks every intermediate against it.
void CheckServerSide(const std::string& pool, const std::string& user,
                     const PasswordVerifier& stored, const json& v, const json& expected_sig) {
  const std::string a_pub = Int(v.at("SRP_A_as_client_sends"));
  const std::string b = Int(v.at("b_hex"));
  ASSERT_TRUE(SrpIsValidA(a_pub));

  const SrpServerStart start = SrpStartWithB(stored.verifier, b);
  EXPECT_EQ(SrpHex(start.B), SrpHex(Int(v.at("SRP_B_hex"))));
  EXPECT_EQ(SrpHex(SrpComputeU(a_pub, start.B)), SrpHex(Int(v.at("u_hex"))));
  const std::optional<std::string> premaster =
      SrpServerPremaster(a_pub, start.B, start.b, stored.verifier);
  ASSERT_TRUE(premaster.has_value());
  EXPECT_EQ(HexEncode(*premaster), Text(v.at("S_pad_hex")));

  const std::optional<std::string> key = SrpServerKey(a_pub, start.B, start.b, stored.verifier);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(HexEncode(*key), Text(v.at("hkdf_hex")));

  const std::string block = Unbase64(v.at("SECRET_BLOCK_b64"));
  const std::string timestamp = Text(v.at("TIMESTAMP"));
  const std::string signature = SrpSignature(*key, pool, user, block, timestamp);
  EXPECT_EQ(signature, Text(expected_sig));
  EXPECT_TRUE(ConstantTimeEquals(signature, Text(expected_sig)));

  std::string flipped = block;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x01);
  EXPECT_NE(SrpSignature(*key, pool, user, flipped, timestamp), signature);
  EXPECT_NE(SrpSignature(*key, pool, user, block, timestamp + " "), signature);
}

// The client side (a, x, B) must reach the same premaster secret as the vector and the server.
void CheckClientSide(const std::string& x, const json& v) {
  const std::string a = Int(v.at("a_hex"));
  EXPECT_EQ(SrpHex(SrpClientPublic(a)), SrpHex(Int(v.at("SRP_A_as_client_sends"))));
  const std::optional<std::string> premaster = SrpClientPremaster(a, Int(v.at("SRP_B_hex")), x);
  ASSERT_TRUE(premaster.has_value());
  EXPECT_EQ(HexEncode(*premaster), Text(v.at("S_pad_hex")));
}

TEST(SrpTest, MultiplierIsHashOfPaddedNAndG) {
  const std::string n = SrpParseHexInt(testing::kSrpPrimeHex).value();
  ASSERT_EQ(n.size(), 385u);  // PAD adds a zero byte: N's top bit is set.
  EXPECT_EQ(HexEncode(SrpMultiplier()), HexEncode(Sha256(n + std::string("\x02"))));
  EXPECT_EQ(HexEncode(SrpMultiplier()),
            "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");
}

TEST(SrpTest, UserVectorsReproduceEveryStep) {
  const json vectors = testing::VectorSection("user_srp");
  ASSERT_TRUE(vectors.is_array());
  ASSERT_GE(vectors.size(), 3u);
  for (const json& vec : vectors) {
    SCOPED_TRACE(Text(vec.at("id")));
    const json& in = vec.at("inputs");
    const json& d = vec.at("derived");
    const std::string pool = Text(in.at("pool_name"));
    const std::string user = Text(in.at("user_id_for_srp"));
    const std::string password = Text(in.at("password"));
    EXPECT_EQ(HexEncode(SrpMultiplier()), Text(d.at("k_hex")));

    const PasswordVerifier stored =
        MakePasswordVerifierWithSalt(pool, user, password, Int(in.at("SALT_as_sent_hex")));
    EXPECT_EQ(HexEncode(stored.salt), Text(d.at("pad_salt_hex")));
    EXPECT_EQ(SrpHex(stored.salt), Text(d.at("pad_salt_hex")));
    const std::string x = SrpComputeX(stored.salt, pool, user, password);
    EXPECT_EQ(SrpHex(x), SrpHex(Int(d.at("x_hex"))));
    EXPECT_EQ(SrpHex(stored.verifier), SrpHex(Int(d.at("v_hex"))));
    EXPECT_EQ(HexEncode(Int(d.at("SRP_A_as_client_sends"))), Text(d.at("pad_A_hex")));
    EXPECT_EQ(SrpHex(Int(d.at("SRP_B_hex"))), Text(d.at("pad_B_hex")));

    json merged = d;
    merged["a_hex"] = in.at("a_hex");
    merged["b_hex"] = in.at("b_hex");
    merged["SECRET_BLOCK_b64"] = in.at("SECRET_BLOCK_b64");
    merged["TIMESTAMP"] = in.at("TIMESTAMP");
    CheckServerSide(pool, user, stored, merged, vec.at("expected").at("PASSWORD_CLAIM_SIGNATURE"));
    CheckClientSide(x, merged);
    EXPECT_TRUE(CheckPassword(stored, pool, user, password));
    EXPECT_FALSE(CheckPassword(stored, pool, user, password + "x"));
    EXPECT_FALSE(CheckPassword(stored, pool + "x", user, password));
  }
}

TEST(SrpTest, DeviceVectorReproducesEveryStep) {
  const json device = testing::VectorSection("device");
  ASSERT_TRUE(device.is_object());
  const std::string group_key = Text(device.at("NewDeviceMetadata").at("DeviceGroupKey"));
  const std::string device_key = Text(device.at("NewDeviceMetadata").at("DeviceKey"));
  const std::string password = Text(device.at("device_random_password"));
  const json& config = device.at("ConfirmDevice_request_fragment").at("DeviceSecretVerifierConfig");

  // What ConfirmDevice stores: the Base64 salt and verifier exactly as the client sent them.
  const PasswordVerifier stored{Unbase64(config.at("Salt")),
                                Unbase64(config.at("PasswordVerifier"))};
  EXPECT_EQ(HexEncode(stored.salt), Text(device.at("salt_hex")));
  EXPECT_EQ(HexEncode(stored.verifier), Text(device.at("verifier_pad_hex")));
  const PasswordVerifier recomputed =
      MakePasswordVerifierWithSalt(group_key, device_key, password, stored.salt);
  EXPECT_EQ(recomputed.salt, stored.salt);
  EXPECT_EQ(recomputed.verifier, stored.verifier);
  EXPECT_TRUE(CheckPassword(stored, group_key, device_key, password));
  EXPECT_FALSE(CheckPassword(stored, group_key, device_key, password.substr(1)));

  const json& login = device.at("login");
  EXPECT_EQ(SrpHex(stored.salt), Text(login.at("SALT_challenge_param_hex")));
  CheckServerSide(group_key, device_key, stored, login, login.at("PASSWORD_CLAIM_SIGNATURE"));
  CheckClientSide(SrpComputeX(stored.salt, group_key, device_key, password), login);
}

TEST(SrpTest, RandomExchangeAgrees) {
  SecureRandom random;
  const PasswordVerifier stored = MakePasswordVerifier("Pool1", "user-1", "P@ssw0rd!", random);
  EXPECT_GE(stored.salt.size(), 1u);
  EXPECT_LE(stored.salt.size(), 17u);
  EXPECT_TRUE(CheckPassword(stored, "Pool1", "user-1", "P@ssw0rd!"));
  EXPECT_FALSE(CheckPassword(stored, "Pool1", "user-1", "P@ssw0rd?"));

  const std::string a = random.Bytes(128);
  const std::string a_pub = SrpClientPublic(a);
  const SrpServerStart start = SrpStart(stored.verifier, random);
  EXPECT_EQ(start.b.size(), 32u);  // 256 bits: the fixed-base table covers it
  const std::string x = SrpComputeX(stored.salt, "Pool1", "user-1", "P@ssw0rd!");
  const std::optional<std::string> client = SrpClientPremaster(a, start.B, x);
  const std::optional<std::string> server =
      SrpServerPremaster(a_pub, start.B, start.b, stored.verifier);
  ASSERT_TRUE(client.has_value());
  ASSERT_TRUE(server.has_value());
  EXPECT_EQ(*client, *server);

  const std::string wrong_x = SrpComputeX(stored.salt, "Pool1", "user-1", "wrong");
  EXPECT_NE(SrpClientPremaster(a, start.B, wrong_x), server);
}

TEST(SrpTest, StartIsDeterministicForSeededRandom) {
  const PasswordVerifier stored = MakePasswordVerifierWithSalt("P", "u", "pw", "salt");
  SeededRandom first(7);
  SeededRandom second(7);
  const SrpServerStart a = SrpStart(stored.verifier, first);
  const SrpServerStart b = SrpStart(stored.verifier, second);
  EXPECT_EQ(a.b, b.b);
  EXPECT_EQ(a.B, b.B);
  EXPECT_EQ(a.B, SrpStartWithB(stored.verifier, a.b).B);
  EXPECT_NE(a.B, SrpStart(stored.verifier, first).B);
}

TEST(SrpTest, ValidatesA) {
  const std::string n = SrpParseHexInt(testing::kSrpPrimeHex).value();
  std::string n_minus_one = n;
  n_minus_one.back() = '\xfe';
  struct Case {
    const char* label;
    std::string a;
    bool valid;
  };
  const Case cases[] = {
      {"empty", "", false},
      {"zero", std::string(1, '\0'), false},
      {"zero, long form", std::string(400, '\0'), false},
      {"N", n, false},
      {"N without PAD byte", n.substr(1), false},
      {"one", std::string("\x01"), true},
      {"two", std::string("\x02"), true},
      {"N - 1", n_minus_one, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(SrpIsValidA(c.a), c.valid);
  }

  const PasswordVerifier stored = MakePasswordVerifierWithSalt("P", "u", "pw", "salt");
  const SrpServerStart start = SrpStartWithB(stored.verifier, std::string(128, '\x11'));
  EXPECT_FALSE(SrpServerKey(n, start.B, start.b, stored.verifier).has_value());
  EXPECT_FALSE(SrpServerKey(std::string(1, '\0'), start.B, start.b, stored.verifier).has_value());
  EXPECT_TRUE(SrpServerKey(std::string("\x02"), start.B, start.b, stored.verifier).has_value());
}

TEST(SrpTest, HexConversions) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> parse_cases = {
      {"", std::nullopt},
      {"xyz", std::nullopt},
      {"12 34", std::nullopt},
      {"0", std::string(1, '\0')},
      {"0000", std::string(1, '\0')},
      {"000abc", std::string("\x0a\xbc")},
      {"abc", std::string("\x0a\xbc")},
      {"ff", std::string("\x00\xff", 2)},
      {"FF", std::string("\x00\xff", 2)},
      {"7f", std::string("\x7f")},
  };
  for (const auto& [hex, expected] : parse_cases) {
    SCOPED_TRACE(hex);
    EXPECT_EQ(SrpParseHexInt(hex), expected);
  }
  EXPECT_EQ(SrpHex(""), "00");
  EXPECT_EQ(SrpHex(std::string("\x00\x00\x4c", 3)), "4c");
  EXPECT_EQ(SrpHex(std::string("\x80")), "0080");
  EXPECT_EQ(SrpHex(std::string("\x00\x80", 2)), "0080");
}

TEST(SrpTest, SaltIsStoredInPadForm) {
  const PasswordVerifier leading_zeros =
      MakePasswordVerifierWithSalt("P", "u", "pw", std::string("\x00\x00\x4c\x14", 4));
  const PasswordVerifier minimal = MakePasswordVerifierWithSalt("P", "u", "pw", "\x4c\x14");
  EXPECT_EQ(HexEncode(leading_zeros.salt), "4c14");
  EXPECT_EQ(leading_zeros.verifier, minimal.verifier);
  const PasswordVerifier top_bit = MakePasswordVerifierWithSalt("P", "u", "pw", "\xc5\xe1");
  EXPECT_EQ(HexEncode(top_bit.salt), "00c5e1");
}

}  // namespace
}  // namespace cognito::auth
