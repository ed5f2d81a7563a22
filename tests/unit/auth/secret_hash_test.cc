#include "auth/secret_hash.h"

#include <gtest/gtest.h>

#include "auth/crypto.h"
#include "test_vectors.h"

namespace cognito::auth {
namespace {

TEST(SecretHashTest, MatchesEveryVector) {
  const nlohmann::json cases = testing::VectorSection("secret_hash");
  ASSERT_TRUE(cases.is_array());
  ASSERT_GE(cases.size(), 2u);
  for (const nlohmann::json& c : cases) {
    const auto username = c.at("username").get<std::string>();
    const auto client_id = c.at("client_id").get<std::string>();
    const auto secret = c.at("client_secret").get<std::string>();
    const auto expected = c.at("SECRET_HASH").get<std::string>();
    SCOPED_TRACE(username);
    EXPECT_EQ(SecretHash(username, client_id, secret), expected);
    EXPECT_TRUE(VerifySecretHash(expected, username, client_id, secret));
  }
}

TEST(SecretHashTest, IsBase64OfHmacOverUsernameThenClientId) {
  const std::string hash = SecretHash("user", "client", "key");
  EXPECT_EQ(hash.size(), 44u);
  EXPECT_EQ(Base64Decode(hash), HmacSha256("key", "userclient"));
}

TEST(SecretHashTest, VerifyRejectsAnyMismatch) {
  const std::string good = SecretHash("alice", "client1", "s3cret");
  struct Case {
    const char* label;
    std::string given;
    const char* username;
    const char* client_id;
    const char* secret;
  };
  const Case cases[] = {
      {"other username", good, "alicf", "client1", "s3cret"},
      {"other client", good, "alice", "client2", "s3cret"},
      {"other secret", good, "alice", "client1", "s3creT"},
      {"swapped fields", SecretHash("client1", "alice", "s3cret"), "alice", "client1", "s3cret"},
      {"missing padding", good.substr(0, good.size() - 1), "alice", "client1", "s3cret"},
      {"empty", "", "alice", "client1", "s3cret"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_FALSE(VerifySecretHash(c.given, c.username, c.client_id, c.secret));
  }
  EXPECT_TRUE(VerifySecretHash(good, "alice", "client1", "s3cret"));
}

}  // namespace
}  // namespace cognito::auth
