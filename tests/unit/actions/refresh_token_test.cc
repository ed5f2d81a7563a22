// Refresh tokens carry their claims sealed: the codec, and what that means for the service (a
// sign-in writes nothing; a token outlives the process that issued it).
#include "server/actions/refresh_token.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "auth/aead.h"
#include "auth/clock.h"
#include "auth/crypto.h"
#include "server/actions/service.h"
#include "storage/sqlite.h"
#include "tests/unit/storage/temp_db.h"

namespace cognito::actions {
namespace {

RefreshClaims Claims() {
  return RefreshClaims{"us-east-1_abc", "client-1",     "sub-1",       "origin-1",
                       1700000000,      "us-east-1_dk", 1700000000123, 1702592000123};
}

std::vector<std::string> Split(const std::string& token) {
  std::vector<std::string> parts;
  std::istringstream in(token);
  for (std::string part; std::getline(in, part, '.');) {
    parts.push_back(part);
  }
  return parts;
}

class RefreshTokenTest : public ::testing::Test {
 protected:
  std::unique_ptr<storage::Store> store_ = storage::Store::Open(":memory:");
  KeyRing keys_ = KeyRing::LoadOrCreate(*store_);
  auth::SecureRandom random_;
};

TEST_F(RefreshTokenTest, SealedClaimsOpenUnchanged) {
  const std::string token = SealRefreshToken(keys_, random_, Claims());
  const auto opened = OpenRefreshToken(keys_, token);
  ASSERT_TRUE(opened.has_value());
  const RefreshClaims want = Claims();
  EXPECT_EQ(opened->pool_id, want.pool_id);
  EXPECT_EQ(opened->client_id, want.client_id);
  EXPECT_EQ(opened->sub, want.sub);
  EXPECT_EQ(opened->origin_jti, want.origin_jti);
  EXPECT_EQ(opened->auth_time_s, want.auth_time_s);
  EXPECT_EQ(opened->device_key, want.device_key);
  EXPECT_EQ(opened->issued_ms, want.issued_ms);
  EXPECT_EQ(opened->expires_ms, want.expires_ms);
  EXPECT_NE(SealRefreshToken(keys_, random_, Claims()), token) << "a fresh IV each time";
}

TEST_F(RefreshTokenTest, TheTokenIsACompactJweThatHidesItsClaims) {
  const std::string token = SealRefreshToken(keys_, random_, Claims());
  const std::vector<std::string> parts = Split(token);
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(auth::Base64UrlDecode(parts[0]), R"({"cty":"JWT","enc":"A256GCM","alg":"dir"})");
  EXPECT_EQ(parts[1], "") << "direct encryption has no encrypted key";
  EXPECT_EQ(auth::Base64UrlDecode(parts[2])->size(), auth::kAesGcmIvBytes);
  EXPECT_EQ(auth::Base64UrlDecode(parts[4])->size(), auth::kAesGcmTagBytes);
  EXPECT_EQ(auth::Base64UrlDecode(parts[3])->find("sub-1"), std::string::npos);
}

TEST_F(RefreshTokenTest, AnyChangeOrAnotherKeyMakesItUnreadable) {
  const std::string token = SealRefreshToken(keys_, random_, Claims());
  const std::vector<std::string> parts = Split(token);
  for (size_t part : {0u, 2u, 3u, 4u}) {
    std::vector<std::string> changed = parts;
    changed[part][changed[part].size() / 2] ^= 1;  // still base64url, another byte
    std::string text = changed[0];
    for (size_t i = 1; i < 5; ++i) {
      text += "." + changed[i];
    }
    EXPECT_FALSE(OpenRefreshToken(keys_, text).has_value()) << "part " << part;
  }
  for (const std::string& text :
       {std::string(), std::string("...."), token + ".", "x" + token, token.substr(1),
        parts[0] + ".AAAA." + parts[2] + "." + parts[3] + "." + parts[4],
        std::string("not-a-token"), token + "==", token + "=",
        parts[0] + ".." + parts[2] + "=." + parts[3] + "." + parts[4]}) {
    EXPECT_FALSE(OpenRefreshToken(keys_, text).has_value()) << text;
  }
  auto other_store = storage::Store::Open(":memory:");
  const KeyRing other = KeyRing::LoadOrCreate(*other_store);
  EXPECT_FALSE(OpenRefreshToken(other, token).has_value()) << "another install's key";
}

TEST_F(RefreshTokenTest, ClaimsOfTheWrongShapeAreRefusedEvenWhenSealed) {
  auto seal = [&](const std::string& payload) {
    return SealRefreshPayload(keys_, std::string(auth::kAesGcmIvBytes, '\x01'), payload);
  };

  const std::string good =
      R"({"pool_id":"p","client_id":"c","sub":"s","origin_jti":"o","auth_time":1,)"
      R"("device_key":"","iat_ms":2,"exp_ms":3})";
  ASSERT_TRUE(OpenRefreshToken(keys_, seal(good)).has_value()) << "the forger's own check";
  for (const char* payload :
       {"", "[]", "null", "{}", R"({"pool_id":7})",
        R"({"pool_id":"p","client_id":"c","sub":"s","origin_jti":"o","auth_time":"1",)"
        R"("device_key":"","iat_ms":2,"exp_ms":3})",
        R"({"pool_id":"p","client_id":"c","sub":"s","origin_jti":"o","auth_time":1,)"
        R"("device_key":null,"iat_ms":2,"exp_ms":3})",
        R"({"pool_id":"p","client_id":"c","sub":"s","origin_jti":"o","auth_time":1,)"
        R"("device_key":"","iat_ms":2.5,"exp_ms":3})",
        R"({"pool_id":"p","client_id":"c","sub":"s","origin_jti":"o","auth_time":1,)"
        R"("device_key":"","iat_ms":2})"}) {
    EXPECT_FALSE(OpenRefreshToken(keys_, seal(payload)).has_value()) << payload;
  }
}

// A Service on a database file, and a second connection that watches it for commits.
class RefreshTokenServiceTest : public ::testing::Test {
 protected:
  void Start() {
    ServiceOptions options;
    options.db_path = path_.path();
    service_ = std::make_unique<Service>(options, clock_, random_);
  }
  Json Call(const std::string& action, const Json& input, unsigned status = 200) {
    ApiResponse r = service_->Call(action, input);
    EXPECT_EQ(r.status, status) << action << ": " << r.body;
    return Json::parse(r.body);
  }
  Json SignIn() {
    return Call("InitiateAuth", {{"ClientId", client_},
                                 {"AuthFlow", "USER_PASSWORD_AUTH"},
                                 {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}})
        ["AuthenticationResult"];
  }
  Json Refresh(const Json& token, unsigned status = 200) {
    return Call("InitiateAuth",
                {{"ClientId", client_},
                 {"AuthFlow", "REFRESH_TOKEN_AUTH"},
                 {"AuthParameters", {{"REFRESH_TOKEN", token}}}},
                status);
  }
  // Changes whenever another connection commits (PRAGMA data_version).
  int64_t DataVersion() {
    storage::Statement stmt = watcher_.Prepare("PRAGMA data_version");
    EXPECT_TRUE(stmt.Step());
    return stmt.Int(0);
  }
  void SetUpPool() {
    Start();
    pool_ = Call("CreateUserPool", {{"PoolName", "p"}})["UserPool"]["Id"];
    client_ = Call("CreateUserPoolClient",
                   {{"UserPoolId", pool_},
                    {"ClientName", "c"},
                    {"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}}})
        ["UserPoolClient"]["ClientId"];
    Call("AdminCreateUser", {{"UserPoolId", pool_}, {"Username", "ann"}, {"MessageAction", "SUPPRESS"}});
    Call("AdminSetUserPassword",
         {{"UserPoolId", pool_}, {"Username", "ann"}, {"Password", "Passw0rd!"}, {"Permanent", true}});
  }

  storage::testing::TempDbPath path_;
  auth::FakeClock clock_{1'767'225'600'000};
  auth::SecureRandom random_;
  std::unique_ptr<Service> service_;
  storage::Connection watcher_ = storage::Connection::Open(path_.path());
  std::string pool_;
  std::string client_;
};

TEST_F(RefreshTokenServiceTest, SigningInAndRefreshingCommitNothing) {
  SetUpPool();
  const int64_t before = DataVersion();
  const Json tokens = SignIn();
  ASSERT_TRUE(tokens.contains("RefreshToken"));
  Refresh(tokens["RefreshToken"]);
  EXPECT_EQ(DataVersion(), before);
  Call("GlobalSignOut", {{"AccessToken", tokens["AccessToken"]}});
  EXPECT_NE(DataVersion(), before) << "the watcher does see commits";
}

TEST_F(RefreshTokenServiceTest, TokensAndRevocationsOutliveTheProcess) {
  SetUpPool();
  const Json kept = SignIn();
  const Json revoked = SignIn();
  Call("RevokeToken", {{"ClientId", client_}, {"Token", revoked["RefreshToken"]}});
  service_.reset();
  Start();
  EXPECT_TRUE(Refresh(kept["RefreshToken"]).contains("AuthenticationResult"));
  EXPECT_EQ(Refresh(revoked["RefreshToken"], 400)["message"], "Refresh Token has been revoked");
}

}  // namespace
}  // namespace cognito::actions
