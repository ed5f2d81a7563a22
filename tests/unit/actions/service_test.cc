#include <gtest/gtest.h>

#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

class DispatchTest : public ServiceTest {
 protected:
  static ApiResponse Post(const std::string& target, const std::string& body, bool signed_request = true) {
    return service().Handle({"POST", "/", target, signed_request ? "AWS4-HMAC-SHA256 Credential=x" : "", body});
  }
};

TEST_F(DispatchTest, ProtocolErrors) {
  struct Case {
    const char* label;
    std::string target, body;
    bool signed_request;
    const char* type;
  } cases[] = {
      {"no target", "", "{}", true, "UnknownOperationException"},
      {"other service", "DynamoDB_20120810.ListTables", "{}", true, "UnknownOperationException"},
      {"unknown action", "AWSCognitoIdentityProviderService.Nope", "{}", true, "UnknownOperationException"},
      {"not JSON", "AWSCognitoIdentityProviderService.ListUserPools", "{nope", true, "SerializationException"},
      {"JSON array", "AWSCognitoIdentityProviderService.ListUserPools", "[1]", true, "SerializationException"},
      {"unsigned admin call", "AWSCognitoIdentityProviderService.ListUserPools", "{\"MaxResults\":1}", false,
       "MissingAuthenticationTokenException"},
      {"not built yet", "AWSCognitoIdentityProviderService.AdminListUserAuthEvents",
       "{\"UserPoolId\":\"us-east-1_x\",\"Username\":\"u\"}", true, "UnsupportedOperationException"},
  };
  for (const auto& c : cases) {
    ApiResponse r = Post(c.target, c.body, c.signed_request);
    EXPECT_EQ(r.status, 400u) << c.label;
    EXPECT_EQ(r.error_type, c.type) << c.label;
    Json body = Json::parse(r.body);
    EXPECT_EQ(body["__type"], c.type) << c.label;
    EXPECT_FALSE(body["message"].get<std::string>().empty()) << c.label;
  }
  ApiResponse r = Post("AWSCognitoIdentityProviderService.AdminListUserAuthEvents",
                       "{\"UserPoolId\":\"us-east-1_x\",\"Username\":\"u\"}");
  EXPECT_EQ(Json::parse(r.body)["message"],
            "AdminListUserAuthEvents is not implemented by cognito-emulator yet.");
}

TEST_F(DispatchTest, OnlyReadOnlyAndFailingRequestsRunInline) {
  const std::string prefix = "AWSCognitoIdentityProviderService.";
  struct Case {
    std::string method, target, amz_target;
    bool runs_inline;
  } cases[] = {
      {"POST", "/", prefix + "GetUser", true},
      {"POST", "/", prefix + "AdminGetUser", true},
      {"POST", "/", prefix + "ListUsers", true},
      {"POST", "/", prefix + "Nope", true},             // fails at once
      {"POST", "/", "DynamoDB_20120810.ListTables", true},
      {"POST", "/", prefix + "AdminListUserAuthEvents", true},  // not built: fails at once
      {"POST", "/", prefix + "InitiateAuth", false},    // signs tokens, writes
      {"POST", "/", prefix + "AdminCreateUser", false},
      {"POST", "/", prefix + "SignUp", false},          // may run triggers
      {"POST", "/", prefix + "DeleteUserPool", false},
      {"GET", "/us-east-1_x/.well-known/jwks.json", "", true},
      {"GET", "/_emulator/outbox", "", false},
      {"DELETE", "/_emulator/outbox", "", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(service().RunsInline({c.method, c.target, c.amz_target, "", "{}"}), c.runs_inline)
        << c.method << " " << c.target << " " << c.amz_target;
  }
}

TEST_F(DispatchTest, UnsignedOperationsNeedNoSignature) {
  ApiResponse r = Post("AWSCognitoIdentityProviderService.InitiateAuth",
                       "{\"ClientId\":\"nosuch\",\"AuthFlow\":\"USER_PASSWORD_AUTH\"}", false);
  EXPECT_EQ(r.error_type, "ResourceNotFoundException");
}

TEST_F(DispatchTest, WellKnownDocuments) {
  const std::string pool = CreatePool();
  ApiResponse r = service().Handle({"GET", "/" + pool + "/.well-known/openid-configuration", "", "", ""});
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.content_type, "application/json");
  Json doc = Json::parse(r.body);
  const std::string iss = "https://cognito-idp.us-east-1.amazonaws.com/" + pool;
  EXPECT_EQ(doc["issuer"], iss);
  EXPECT_EQ(doc["jwks_uri"], iss + "/.well-known/jwks.json");
  r = service().Handle({"GET", "/" + pool + "/.well-known/jwks.json?x=1", "", "", ""});
  ASSERT_EQ(r.status, 200u);
  const Json jwks = Json::parse(r.body);
  for (const auto& key : jwks["keys"]) {
    EXPECT_EQ(key["kty"], "RSA");
    EXPECT_EQ(key["alg"], "RS256");
    EXPECT_EQ(key["use"], "sig");
    EXPECT_EQ(key["e"], "AQAB");
    EXPECT_EQ(key["kid"].get<std::string>().size(), 44u);
  }
  EXPECT_EQ(service().Handle({"GET", "/us-east-1_none/.well-known/jwks.json", "", "", ""}).status, 404u);
  EXPECT_EQ(service().Handle({"GET", "/elsewhere", "", "", ""}).status, 404u);
  EXPECT_EQ(service().Handle({"DELETE", "/", "", "", ""}).status, 404u);
}

TEST_F(DispatchTest, SeedIsAppliedIdempotently) {
  const Json seed = Json::parse(R"({
    "UserPools": [{
      "Id": "us-east-1_Seeded001", "PoolName": "seeded",
      "Clients": [{"ClientId": "seededclient00000000000001", "ClientName": "web",
                   "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}],
      "Users": [{"Username": "alice", "Password": "Passw0rd!",
                 "Attributes": [{"Name": "email", "Value": "alice@example.com"}]},
                {"Username": "bob", "TemporaryPassword": "Temp0rary!"}]
    }]})");
  service().ApplySeed(seed);
  service().ApplySeed(seed);
  EXPECT_EQ(Ok("DescribeUserPool", {{"UserPoolId", "us-east-1_Seeded001"}})["UserPool"]["Name"], "seeded");
  EXPECT_EQ(Ok("AdminGetUser", {{"UserPoolId", "us-east-1_Seeded001"}, {"Username", "alice"}})["UserStatus"],
            "CONFIRMED");
  EXPECT_EQ(Ok("AdminGetUser", {{"UserPoolId", "us-east-1_Seeded001"}, {"Username", "bob"}})["UserStatus"],
            "FORCE_CHANGE_PASSWORD");
  Json out = Ok("InitiateAuth", {{"ClientId", "seededclient00000000000001"},
                                 {"AuthFlow", "USER_PASSWORD_AUTH"},
                                 {"AuthParameters", {{"USERNAME", "alice"}, {"PASSWORD", "Passw0rd!"}}}});
  EXPECT_TRUE(out["AuthenticationResult"].contains("AccessToken"));
  EXPECT_EQ(Ok("ListUsers", {{"UserPoolId", "us-east-1_Seeded001"}})["Users"].size(), 2u);
  EXPECT_THROW(service().ApplySeed(Json::parse(R"({"UserPools":[{"PoolName":"x"}]})")), std::runtime_error);
  EXPECT_THROW(service().ApplySeed(Json::parse(R"({"UserPools":[{"Id":"bad id","PoolName":"x"}]})")),
               std::runtime_error);
}

}  // namespace
}  // namespace cognito::actions
