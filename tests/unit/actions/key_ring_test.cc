// KeyRing::VerifyAccessToken: the claims of tokens signed with the access key, nullptr for any
// other token, including correctly signed ones whose claims have the wrong shape.
#include "server/actions/key_ring.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "auth/crypto.h"
#include "auth/jwt.h"

namespace cognito::actions {
namespace {

class KeyRingTest : public ::testing::Test {
 protected:
  std::unique_ptr<storage::Store> store_ = storage::Store::Open(":memory:");
  KeyRing keys_ = KeyRing::LoadOrCreate(*store_);

  std::string Access(const std::string& payload) {
    return auth::EncodeJwt(keys_.access_key(), payload);
  }
};

constexpr const char* kClaims =
    R"({"sub":"s-1","iss":"https://idp.example/us-east-1_abc","client_id":"c-1",)"
    R"("origin_jti":"o-1","token_use":"access","scope":"aws.cognito.signin.user.admin",)"
    R"("exp":1700000000,"username":"ann"})";

TEST_F(KeyRingTest, ReturnsTheClaimsOfAnAccessToken) {
  const auto claims = keys_.VerifyAccessToken(Access(kClaims));
  ASSERT_NE(claims, nullptr);
  EXPECT_EQ(claims->exp, 1700000000);
  EXPECT_EQ(claims->iss, "https://idp.example/us-east-1_abc");
  EXPECT_EQ(claims->username, "ann");
  EXPECT_EQ(claims->sub, "s-1");
  EXPECT_EQ(claims->origin_jti, "o-1");
  EXPECT_EQ(claims->client_id, "c-1");
  EXPECT_EQ(claims->scope, "aws.cognito.signin.user.admin");
  EXPECT_EQ(claims->device_key, "");
}

TEST_F(KeyRingTest, RemembersAVerifiedToken) {
  const std::string token = Access(kClaims);
  const auto first = keys_.VerifyAccessToken(token);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(keys_.VerifyAccessToken(token), first) << "verified again instead of remembered";
}

TEST_F(KeyRingTest, RefusesSignedTokensWithClaimsOfTheWrongShape) {
  for (const char* payload : {
           R"({"token_use":"id","exp":1700000000,"iss":"i","username":"ann"})",
           R"({"exp":1700000000,"iss":"i","username":"ann"})",
           R"({"token_use":"access","exp":"1700000000","iss":"i","username":"ann"})",
           R"({"token_use":"access","exp":1.5,"iss":"i","username":"ann"})",
           R"({"token_use":"access","iss":"i","username":"ann"})",
           R"({"token_use":"access","exp":1700000000,"iss":7,"username":"ann"})",
           R"({"token_use":"access","exp":1700000000,"iss":"i"})",
           R"({"token_use":"access","exp":1700000000,"iss":"i","username":null})",
           R"(["token_use","access"])",
           "not json",
       }) {
    EXPECT_EQ(keys_.VerifyAccessToken(Access(payload)), nullptr) << payload;
  }
}

TEST_F(KeyRingTest, RefusesTokensNotSignedByTheAccessKey) {
  EXPECT_EQ(keys_.VerifyAccessToken(auth::EncodeJwt(keys_.id_key(), kClaims)), nullptr)
      << "signed with the ID key";
  const std::string token = Access(kClaims);
  const std::string body = token.substr(0, token.rfind('.'));
  const std::string payload = body.substr(body.find('.') + 1);
  const std::string rs256_other_kid =
      auth::Base64UrlEncode(R"({"kid":"other","alg":"RS256"})") + "." + payload;
  EXPECT_EQ(keys_.VerifyAccessToken(rs256_other_kid + token.substr(token.rfind('.'))), nullptr)
      << "another kid";
  std::string tampered = token;
  char& c = tampered[tampered.rfind('.') + 3];
  c = c == 'A' ? 'B' : 'A';  // still base64url: only the signature's bytes change
  EXPECT_EQ(keys_.VerifyAccessToken(tampered), nullptr) << "tampered signature";
  EXPECT_EQ(keys_.VerifyAccessToken(""), nullptr);
  EXPECT_EQ(keys_.VerifyAccessToken("a.b"), nullptr);
}

}  // namespace
}  // namespace cognito::actions
