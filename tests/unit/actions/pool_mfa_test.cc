// The pool's MFA configuration: SetUserPoolMfaConfig / GetUserPoolMfaConfig and Cognito's rules,
// kept consistent with CreateUserPool, UpdateUserPool and DescribeUserPool.
#include "server/actions/pool_mfa.h"

#include <gtest/gtest.h>

#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

const Json kSmsConfiguration = {{"SnsCallerArn", "arn:aws:iam::123456789012:role/sms"},
                                {"ExternalId", "ext"}};

class PoolMfaTest : public ServiceTest {
 protected:
  Json Get(const std::string& pool) { return Ok("GetUserPoolMfaConfig", {{"UserPoolId", pool}}); }
  Json Describe(const std::string& pool) {
    return Ok("DescribeUserPool", {{"UserPoolId", pool}})["UserPool"];
  }
  Json Set(const std::string& pool, const Json& config) {
    Json input = config;
    input["UserPoolId"] = pool;
    return Ok("SetUserPoolMfaConfig", input);
  }
};

TEST_F(PoolMfaTest, DefaultIsOff) {
  const std::string pool = CreatePool();
  EXPECT_EQ(Get(pool), Json({{"MfaConfiguration", "OFF"},
                             {"SoftwareTokenMfaConfiguration", {{"Enabled", false}}}}));
  EXPECT_EQ(Fail("GetUserPoolMfaConfig", {{"UserPoolId", "us-east-1_nope"}})["message"],
            "User pool us-east-1_nope does not exist.");
}

TEST_F(PoolMfaTest, SetAnswersWithTheNewConfigurationAndDescribeFollows) {
  const std::string pool = CreatePool();
  const Json config = {
      {"MfaConfiguration", "ON"},
      {"SoftwareTokenMfaConfiguration", {{"Enabled", true}}},
      {"SmsMfaConfiguration",
       {{"SmsAuthenticationMessage", "Code {####}"}, {"SmsConfiguration", kSmsConfiguration}}},
      {"EmailMfaConfiguration", {{"Message", "Code {####}"}, {"Subject", "Sign in"}}},
      {"WebAuthnConfiguration",
       {{"RelyingPartyId", "example.com"}, {"UserVerification", "preferred"}}}};
  const Json answer = Set(pool, config);
  EXPECT_EQ(answer, config);
  EXPECT_EQ(Get(pool), config);
  const Json described = Describe(pool);
  EXPECT_EQ(described["MfaConfiguration"], "ON");
  EXPECT_EQ(described["SmsConfiguration"], kSmsConfiguration);
  EXPECT_EQ(described["SmsAuthenticationMessage"], "Code {####}");
  EXPECT_FALSE(described.contains(kPoolMfaMember)) << "the hidden member is not UserPoolType";
}

TEST_F(PoolMfaTest, CognitosRules) {
  const std::string pool = CreatePool();
  struct Case {
    const char* label;
    Json config;
    const char* message;
  };
  const char* kNone =
      "Invalid MFA configuration given, can't disable all MFAs with a required or optional "
      "configuration.";
  const char* kOffWithMethod =
      "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.";
  const std::vector<Case> cases = {
      {"ON without a method", {{"MfaConfiguration", "ON"}}, kNone},
      {"OPTIONAL with TOTP disabled",
       {{"MfaConfiguration", "OPTIONAL"}, {"SoftwareTokenMfaConfiguration", {{"Enabled", false}}}},
       kNone},
      {"OFF with TOTP",
       {{"MfaConfiguration", "OFF"}, {"SoftwareTokenMfaConfiguration", {{"Enabled", true}}}},
       kOffWithMethod},
      {"OFF with SMS",
       {{"MfaConfiguration", "OFF"}, {"SmsMfaConfiguration", Json::object()}},
       kOffWithMethod},
      {"absent mode keeps OFF", {{"EmailMfaConfiguration", Json::object()}}, kOffWithMethod},
  };
  for (const auto& c : cases) {
    Json input = c.config;
    input["UserPoolId"] = pool;
    const Json e = Fail("SetUserPoolMfaConfig", input);
    EXPECT_EQ(e["__type"], "InvalidParameterException") << c.label;
    EXPECT_EQ(e["message"], c.message) << c.label;
  }
  EXPECT_EQ(Get(pool)["MfaConfiguration"], "OFF") << "refused requests change nothing";
}

TEST_F(PoolMfaTest, AbsentMethodsAreTurnedOffAndAbsentModeIsKept) {
  const std::string pool = CreatePool();
  Set(pool, {{"MfaConfiguration", "OPTIONAL"},
             {"SoftwareTokenMfaConfiguration", {{"Enabled", true}}},
             {"SmsMfaConfiguration", {{"SmsConfiguration", kSmsConfiguration}}}});
  const Json answer = Set(pool, {{"SmsMfaConfiguration", Json::object()}});
  EXPECT_EQ(answer["MfaConfiguration"], "OPTIONAL");
  EXPECT_EQ(answer["SoftwareTokenMfaConfiguration"]["Enabled"], false);
  EXPECT_EQ(answer["SmsMfaConfiguration"], Json({{"SmsConfiguration", kSmsConfiguration}}))
      << "the pool's SmsConfiguration is kept";
  const Json off = Set(pool, {{"MfaConfiguration", "OFF"}});
  EXPECT_EQ(off, Json({{"MfaConfiguration", "OFF"},
                       {"SoftwareTokenMfaConfiguration", {{"Enabled", false}}}}));
  EXPECT_EQ(Describe(pool)["MfaConfiguration"], "OFF");
}

TEST_F(PoolMfaTest, CreateUserPoolNeedsSmsConfigurationForMfa) {
  const Json e = Fail("CreateUserPool", {{"PoolName", "p"}, {"MfaConfiguration", "ON"}});
  EXPECT_EQ(e["message"],
            "SMS configuration and Auto verification for phone_number are required when MFA is "
            "required/optional");
  const std::string pool =
      CreatePool({{"MfaConfiguration", "OPTIONAL"}, {"SmsConfiguration", kSmsConfiguration}});
  const Json config = Get(pool);
  EXPECT_EQ(config["MfaConfiguration"], "OPTIONAL");
  EXPECT_EQ(config["SmsMfaConfiguration"], Json({{"SmsConfiguration", kSmsConfiguration}}));
  // With MFA OFF an SmsConfiguration alone enables nothing.
  const std::string off = CreatePool({{"SmsConfiguration", kSmsConfiguration}});
  EXPECT_FALSE(Get(off).contains("SmsMfaConfiguration"));
}

TEST_F(PoolMfaTest, UpdateUserPoolKeepsMethodsWhileMfaStaysOn) {
  const std::string pool = CreatePool();
  Set(pool, {{"MfaConfiguration", "ON"}, {"SoftwareTokenMfaConfiguration", {{"Enabled", true}}}});
  Ok("UpdateUserPool", {{"UserPoolId", pool}, {"MfaConfiguration", "OPTIONAL"}});
  Json config = Get(pool);
  EXPECT_EQ(config["MfaConfiguration"], "OPTIONAL");
  EXPECT_EQ(config["SoftwareTokenMfaConfiguration"]["Enabled"], true);
  // UpdateUserPool resets absent members: MfaConfiguration becomes OFF, which disables methods.
  Ok("UpdateUserPool", {{"UserPoolId", pool}});
  config = Get(pool);
  EXPECT_EQ(config["MfaConfiguration"], "OFF");
  EXPECT_EQ(config["SoftwareTokenMfaConfiguration"]["Enabled"], false);
  const Json e = Fail("UpdateUserPool", {{"UserPoolId", pool}, {"MfaConfiguration", "ON"}});
  EXPECT_EQ(e["__type"], "InvalidParameterException");
  Ok("UpdateUserPool",
     {{"UserPoolId", pool}, {"MfaConfiguration", "ON"}, {"SmsConfiguration", kSmsConfiguration}});
  EXPECT_TRUE(Get(pool).contains("SmsMfaConfiguration"));
}

TEST_F(PoolMfaTest, SeedMfaConfigIsAppliedWhenThePoolIsCreated) {
  const Json seed = Json::parse(R"({"UserPools": [{
      "Id": "us-east-1_SeedMfa01", "PoolName": "seeded",
      "MfaConfig": {"MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": {"Enabled": true}}}]})");
  service().ApplySeed(seed);
  EXPECT_EQ(Get("us-east-1_SeedMfa01")["SoftwareTokenMfaConfiguration"]["Enabled"], true);
  // Applying again leaves an existing pool alone.
  Set("us-east-1_SeedMfa01", {{"MfaConfiguration", "OFF"}});
  service().ApplySeed(seed);
  EXPECT_EQ(Get("us-east-1_SeedMfa01")["MfaConfiguration"], "OFF");
  Json bad = seed;
  bad["UserPools"][0]["Id"] = "us-east-1_SeedMfa02";
  bad["UserPools"][0]["MfaConfig"] = {{"MfaConfiguration", "ON"}};
  EXPECT_THROW(service().ApplySeed(bad), std::runtime_error);
}

TEST(PoolMfaDocumentTest, MessagesUseThePoolTemplates) {
  const Json doc = {{"SmsAuthenticationMessage", "SMS {####} end"},
                    {kPoolMfaMember, {{"EmailMfaConfiguration", {{"Message", "Mail {####}"}}}}}};
  EXPECT_EQ(SmsMfaTemplate(doc), "SMS {####} end");
  EXPECT_EQ(EmailMfaTemplate(doc), "Mail {####}");
  EXPECT_EQ(SmsMfaTemplate(Json::object()), "Your authentication code is {####}. ");
  EXPECT_EQ(EmailMfaTemplate(Json::object()), "Your authentication code is {####}");
}

TEST(PoolMfaDocumentTest, MethodsAreEmptyWhenOff) {
  PoolMfa mfa;
  mfa.sms = mfa.totp = mfa.email = true;
  EXPECT_TRUE(mfa.Methods().empty());
  mfa.mode = "ON";
  EXPECT_EQ(mfa.Methods(),
            (std::vector<auth::MfaMethod>{auth::MfaMethod::kSms, auth::MfaMethod::kTotp,
                                          auth::MfaMethod::kEmail}));
}

}  // namespace
}  // namespace cognito::actions
