// App-client actions driven through the Service, plus the client document and settings helpers.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "auth/clock.h"
#include "auth/random.h"
#include "server/actions/client_document.h"
#include "server/actions/pool_document.h"
#include "server/actions/service.h"
#include "server/actions/settings.h"

namespace cognito::actions {
namespace {

constexpr int64_t kStart = 1'700'000'000'000;

class ClientActionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_id_ =
        Ok("CreateUserPool",
           {{"PoolName", "p"},
            {"Schema", {{{"Name", "tier"}, {"AttributeDataType", "String"}}}}})["UserPool"]["Id"];
    other_pool_id_ = Ok("CreateUserPool", {{"PoolName", "other"}})["UserPool"]["Id"];
  }
  Json Ok(const std::string& action, const Json& input) {
    ApiResponse r = svc_.Call(action, input);
    EXPECT_EQ(r.status, 200u) << action << ": " << r.body;
    return Json::parse(r.body);
  }
  // Expects a 400 with this __type and returns the message.
  std::string Fails(const std::string& action, const Json& input, const std::string& type) {
    ApiResponse r = svc_.Call(action, input);
    const Json body = Json::parse(r.body);
    EXPECT_EQ(r.status, 400u) << action << ": " << r.body;
    EXPECT_EQ(body.value("__type", ""), type) << r.body;
    return body.value("message", "");
  }
  Json Create(Json extra = Json::object(), const std::string& name = "web") {
    extra["UserPoolId"] = pool_id_;
    extra["ClientName"] = name;
    return Ok("CreateUserPoolClient", extra)["UserPoolClient"];
  }
  Json Describe(const std::string& client_id) {
    return Ok("DescribeUserPoolClient",
              {{"UserPoolId", pool_id_}, {"ClientId", client_id}})["UserPoolClient"];
  }
  std::string CreateError(const Json& extra) {
    Json input = extra;
    input["UserPoolId"] = pool_id_;
    input["ClientName"] = "web";
    return Fails("CreateUserPoolClient", input, "InvalidParameterException");
  }

  auth::FakeClock clock_{kStart};
  auth::SeededRandom random_{1};
  Service svc_{ServiceOptions{}, clock_, random_};
  std::string pool_id_;
  std::string other_pool_id_;
};

TEST_F(ClientActionsTest, CreateReturnsCognitoDefaults) {
  const Json client = Create();
  const std::string id = client["ClientId"];
  EXPECT_TRUE(std::regex_match(id, std::regex("[a-z0-9]{26}"))) << id;
  const Json expected = {
      {"UserPoolId", pool_id_},
      {"ClientName", "web"},
      {"ClientId", id},
      {"CreationDate", 1'700'000'000},
      {"LastModifiedDate", 1'700'000'000},
      {"RefreshTokenValidity", 30},
      {"TokenValidityUnits",
       {{"AccessToken", "hours"}, {"IdToken", "hours"}, {"RefreshToken", "days"}}},
      {"ExplicitAuthFlows",
       {"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"}},
      {"AllowedOAuthFlowsUserPoolClient", false},
      {"EnableTokenRevocation", true},
      {"EnablePropagateAdditionalUserContextData", false},
      {"AuthSessionValidity", 3},
      {"PreventUserExistenceErrors", "LEGACY"},
  };
  EXPECT_EQ(client, expected);
  EXPECT_EQ(Describe(id), client);
}

TEST_F(ClientActionsTest, GivenMembersAreEchoed) {
  const Json extra = {
      {"AccessTokenValidity", 30},
      {"IdTokenValidity", 2},
      {"TokenValidityUnits", {{"AccessToken", "minutes"}}},
      {"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}},
      {"ReadAttributes", {"email", "custom:tier"}},
      {"WriteAttributes", {"email"}},
      {"CallbackURLs", {"https://example.com/cb"}},
      {"AllowedOAuthFlowsUserPoolClient", true},
      {"PreventUserExistenceErrors", "ENABLED"},
      {"EnableTokenRevocation", false},
      {"AuthSessionValidity", 15},
      {"RefreshTokenRotation", {{"Feature", "ENABLED"}, {"RetryGracePeriodSeconds", 10}}},
  };
  const Json client = Create(extra);
  for (const auto& [key, value] : extra.items()) {
    if (key != "TokenValidityUnits") {
      EXPECT_EQ(client[key], value) << key;
    }
  }
  EXPECT_EQ(client["TokenValidityUnits"],
            Json({{"AccessToken", "minutes"}, {"IdToken", "hours"}, {"RefreshToken", "days"}}));
}

TEST_F(ClientActionsTest, Secrets) {
  const Json generated = Create({{"GenerateSecret", true}});
  const std::string secret = generated["ClientSecret"];
  EXPECT_TRUE(std::regex_match(secret, std::regex("[a-z0-9]{51}"))) << secret;
  EXPECT_EQ(Describe(generated["ClientId"])["ClientSecret"], secret);
  const std::string own = "my_own_client_secret_value_123";
  EXPECT_EQ(Create({{"ClientSecret", own}})["ClientSecret"], own);
  EXPECT_FALSE(Create({{"GenerateSecret", false}}).contains("ClientSecret"));
  EXPECT_EQ(CreateError({{"GenerateSecret", true}, {"ClientSecret", own}}),
            "You cannot specify both GenerateSecret as true and a ClientSecret value.");
}

TEST_F(ClientActionsTest, TokenValidityRanges) {
  struct Case {
    const char* label;
    Json extra;
    bool ok;
  };
  const Case cases[] = {
      {"access 5 minutes",
       {{"AccessTokenValidity", 5}, {"TokenValidityUnits", {{"AccessToken", "minutes"}}}},
       true},
      {"access 4 minutes",
       {{"AccessTokenValidity", 4}, {"TokenValidityUnits", {{"AccessToken", "minutes"}}}},
       false},
      {"access 24 hours", {{"AccessTokenValidity", 24}}, true},
      {"access 25 hours", {{"AccessTokenValidity", 25}}, false},
      {"access 299 seconds",
       {{"AccessTokenValidity", 299}, {"TokenValidityUnits", {{"AccessToken", "seconds"}}}},
       false},
      {"id 1 day", {{"IdTokenValidity", 1}, {"TokenValidityUnits", {{"IdToken", "days"}}}}, true},
      {"id 2 days", {{"IdTokenValidity", 2}, {"TokenValidityUnits", {{"IdToken", "days"}}}}, false},
      {"refresh 60 minutes",
       {{"RefreshTokenValidity", 60}, {"TokenValidityUnits", {{"RefreshToken", "minutes"}}}},
       true},
      {"refresh 59 minutes",
       {{"RefreshTokenValidity", 59}, {"TokenValidityUnits", {{"RefreshToken", "minutes"}}}},
       false},
      {"refresh 3650 days", {{"RefreshTokenValidity", 3650}}, true},
      {"refresh 3651 days", {{"RefreshTokenValidity", 3651}}, false},
  };
  for (const Case& c : cases) {
    Json input = c.extra;
    input["UserPoolId"] = pool_id_;
    input["ClientName"] = "web";
    ApiResponse r = svc_.Call("CreateUserPoolClient", input);
    EXPECT_EQ(r.status == 200, c.ok) << c.label << ": " << r.body;
  }
  EXPECT_EQ(CreateError({{"AccessTokenValidity", 25}}),
            "Invalid range for token validity. AccessTokenValidity must be between 5 minutes and "
            "1 day.");
  EXPECT_EQ(CreateError({{"RefreshTokenValidity", 3651}}),
            "Invalid range for token validity. RefreshTokenValidity must be between 60 minutes "
            "and 10 years (3650 days).");
}

TEST_F(ClientActionsTest, ZeroRefreshValidityMeansThirtyDays) {
  EXPECT_EQ(Create({{"RefreshTokenValidity", 0}})["RefreshTokenValidity"], 30);
  EXPECT_EQ(Create({{"RefreshTokenValidity", 0},
                    {"TokenValidityUnits", {{"RefreshToken", "hours"}}}})["RefreshTokenValidity"],
            720);
}

TEST_F(ClientActionsTest, FlowsAndAttributesAreChecked) {
  EXPECT_EQ(CreateError({{"ExplicitAuthFlows", {"ADMIN_NO_SRP_AUTH", "ALLOW_USER_SRP_AUTH"}}}),
            "ExplicitAuthFlows cannot mix legacy values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, "
            "USER_PASSWORD_AUTH) with ALLOW_* values.");
  EXPECT_EQ(Create({{"ExplicitAuthFlows", {"ADMIN_NO_SRP_AUTH"}}})["ExplicitAuthFlows"],
            Json::array({"ADMIN_NO_SRP_AUTH"}));
  EXPECT_EQ(CreateError({{"ReadAttributes", {"email", "custom:nope"}}}),
            "Invalid read attributes specified while creating a client");
  EXPECT_EQ(CreateError({{"WriteAttributes", {"shoe_size"}}}),
            "Invalid write attributes specified while creating a client");
  EXPECT_NE(CreateError({{"AuthSessionValidity", 16}})
                .find("Member must have value less than or equal to 15"),
            std::string::npos);
  EXPECT_EQ(Fails("CreateUserPoolClient", {{"UserPoolId", pool_id_}}, "InvalidParameterException"),
            "1 validation error detected: Value null at 'clientName' failed to satisfy "
            "constraint: Member must not be null");
  EXPECT_EQ(Fails("CreateUserPoolClient", {{"UserPoolId", "us-east-1_nope"}, {"ClientName", "c"}},
                  "ResourceNotFoundException"),
            "User pool us-east-1_nope does not exist.");
}

TEST_F(ClientActionsTest, DescribeErrors) {
  const std::string id = Create()["ClientId"];
  EXPECT_EQ(Fails("DescribeUserPoolClient", {{"UserPoolId", other_pool_id_}, {"ClientId", id}},
                  "ResourceNotFoundException"),
            "User pool client " + id + " does not exist.");
  EXPECT_EQ(Fails("DescribeUserPoolClient", {{"UserPoolId", pool_id_}, {"ClientId", "nope"}},
                  "ResourceNotFoundException"),
            "User pool client nope does not exist.");
  EXPECT_EQ(Fails("DescribeUserPoolClient", {{"UserPoolId", "us-east-1_nope"}, {"ClientId", id}},
                  "ResourceNotFoundException"),
            "User pool us-east-1_nope does not exist.");
}

TEST_F(ClientActionsTest, UpdateRevertsDefaultsKeepsSecretAndName) {
  const Json created = Create({{"GenerateSecret", true},
                               {"AccessTokenValidity", 2},
                               {"PreventUserExistenceErrors", "ENABLED"},
                               {"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH"}}});
  const std::string id = created["ClientId"];
  clock_.Advance(2'000);
  const Json updated =
      Ok("UpdateUserPoolClient",
         {{"UserPoolId", pool_id_}, {"ClientId", id}, {"IdTokenValidity", 3}})["UserPoolClient"];
  EXPECT_EQ(updated["ClientSecret"], created["ClientSecret"]);
  EXPECT_EQ(updated["ClientName"], "web");
  EXPECT_FALSE(updated.contains("AccessTokenValidity"));
  EXPECT_EQ(updated["IdTokenValidity"], 3);
  EXPECT_EQ(updated["PreventUserExistenceErrors"], "LEGACY");
  EXPECT_EQ(updated["ExplicitAuthFlows"],
            Json::array({"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"}));
  EXPECT_EQ(updated["CreationDate"], 1'700'000'000);
  EXPECT_EQ(updated["LastModifiedDate"], 1'700'000'002);
  EXPECT_EQ(Describe(id), updated);
  const Json renamed =
      Ok("UpdateUserPoolClient",
         {{"UserPoolId", pool_id_}, {"ClientId", id}, {"ClientName", "mobile"}})["UserPoolClient"];
  EXPECT_EQ(renamed["ClientName"], "mobile");
}

TEST_F(ClientActionsTest, UpdateErrors) {
  const std::string id = Create()["ClientId"];
  EXPECT_EQ(Fails("UpdateUserPoolClient", {{"UserPoolId", other_pool_id_}, {"ClientId", id}},
                  "ResourceNotFoundException"),
            "User pool client " + id + " does not exist.");
  EXPECT_EQ(Fails("UpdateUserPoolClient",
                  {{"UserPoolId", pool_id_}, {"ClientId", id}, {"RefreshTokenValidity", 5000}},
                  "InvalidParameterException"),
            "Invalid range for token validity. RefreshTokenValidity must be between 60 minutes "
            "and 10 years (3650 days).");
  EXPECT_EQ(Fails("UpdateUserPoolClient",
                  {{"UserPoolId", pool_id_}, {"ClientId", id}, {"ReadAttributes", {"nope"}}},
                  "InvalidParameterException"),
            "Invalid read attributes specified while updating a client");
}

TEST_F(ClientActionsTest, ListPaginatesAndDefaultsToSixty) {
  std::set<std::string> created;
  for (const char* name : {"a", "b", "c"}) {
    created.insert(Create(Json::object(), name)["ClientId"].get<std::string>());
  }
  Ok("CreateUserPoolClient", {{"UserPoolId", other_pool_id_}, {"ClientName", "elsewhere"}});
  const Json all = Ok("ListUserPoolClients", {{"UserPoolId", pool_id_}});
  ASSERT_EQ(all["UserPoolClients"].size(), 3u);
  EXPECT_FALSE(all.contains("NextToken"));
  std::vector<std::string> seen;
  Json input = {{"UserPoolId", pool_id_}, {"MaxResults", 1}};
  for (int page = 0; page < 5; ++page) {
    const Json out = Ok("ListUserPoolClients", input);
    ASSERT_EQ(out["UserPoolClients"].size(), 1u) << "page " << page;
    const Json& entry = out["UserPoolClients"][0];
    EXPECT_EQ(entry.size(), 3u) << entry.dump();
    EXPECT_EQ(entry["UserPoolId"], pool_id_);
    seen.push_back(entry["ClientId"]);
    if (!out.contains("NextToken")) {
      break;
    }
    input["NextToken"] = out["NextToken"];
  }
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), created);
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(Fails("ListUserPoolClients", {{"UserPoolId", pool_id_}, {"NextToken", "bogus!"}},
                  "InvalidParameterException"),
            "Invalid NextToken provided.");
  EXPECT_EQ(
      Fails("ListUserPoolClients", {{"UserPoolId", "us-east-1_nope"}}, "ResourceNotFoundException"),
      "User pool us-east-1_nope does not exist.");
}

TEST_F(ClientActionsTest, DeleteChecksOwnership) {
  const std::string id = Create()["ClientId"];
  EXPECT_EQ(Fails("DeleteUserPoolClient", {{"UserPoolId", other_pool_id_}, {"ClientId", id}},
                  "ResourceNotFoundException"),
            "User pool client " + id + " does not exist.");
  EXPECT_EQ(Fails("DeleteUserPoolClient", {{"UserPoolId", "us-east-1_nope"}, {"ClientId", id}},
                  "ResourceNotFoundException"),
            "User pool us-east-1_nope does not exist.");
  EXPECT_EQ(Ok("DeleteUserPoolClient", {{"UserPoolId", pool_id_}, {"ClientId", id}}),
            Json::object());
  Fails("DescribeUserPoolClient", {{"UserPoolId", pool_id_}, {"ClientId", id}},
        "ResourceNotFoundException");
  Fails("DeleteUserPoolClient", {{"UserPoolId", pool_id_}, {"ClientId", id}},
        "ResourceNotFoundException");
}

TEST_F(ClientActionsTest, DeletingThePoolDeletesItsClients) {
  const std::string id = Create()["ClientId"];
  Ok("DeleteUserPool", {{"UserPoolId", pool_id_}});
  EXPECT_EQ(Fails("DescribeUserPoolClient", {{"UserPoolId", pool_id_}, {"ClientId", id}},
                  "ResourceNotFoundException"),
            "User pool " + pool_id_ + " does not exist.");
}

ClientSettings SettingsFor(const Json& input) {
  const Json pool = NewPoolDocument({{"PoolName", "p"}});
  storage::ClientRecord record;
  record.description_json = NewClientDocument(input, pool, ClientOperation::kCreate).dump();
  return ParseClientSettings(record);
}

TEST(ClientSettingsTest, FlowsAreNormalised) {
  using Flows = std::set<std::string>;
  struct Case {
    const char* label;
    Json flows;
    Flows expected;
    bool custom_only;
  };
  const Case cases[] = {
      {"default",
       nullptr,
       {"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"},
       false},
      {"allow values",
       {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
       {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
       false},
      {"legacy admin",
       {"ADMIN_NO_SRP_AUTH"},
       {"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH",
        "ALLOW_CUSTOM_AUTH"},
       false},
      {"legacy password",
       {"USER_PASSWORD_AUTH"},
       {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH",
        "ALLOW_CUSTOM_AUTH"},
       false},
      {"legacy custom only",
       {"CUSTOM_AUTH_FLOW_ONLY"},
       {"ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
       true},
  };
  for (const Case& c : cases) {
    Json input = Json::object();
    if (!c.flows.is_null()) {
      input["ExplicitAuthFlows"] = c.flows;
    }
    const ClientSettings s = SettingsFor(input);
    EXPECT_EQ(s.auth_flows, c.expected) << c.label;
    EXPECT_EQ(s.custom_auth_only, c.custom_only) << c.label;
  }
}

TEST(ClientSettingsTest, LifetimesAndSwitches) {
  const ClientSettings defaults = SettingsFor(Json::object());
  EXPECT_EQ(defaults.access_token_seconds, 3600);
  EXPECT_EQ(defaults.id_token_seconds, 3600);
  EXPECT_EQ(defaults.refresh_token_seconds, 30 * 86400);
  EXPECT_EQ(defaults.auth_session_seconds, 180);
  EXPECT_FALSE(defaults.prevent_user_existence_errors);
  EXPECT_TRUE(defaults.enable_token_revocation);
  EXPECT_TRUE(defaults.read_attributes.empty());

  const ClientSettings custom = SettingsFor(
      {{"AccessTokenValidity", 30},
       {"IdTokenValidity", 600},
       {"RefreshTokenValidity", 90},
       {"TokenValidityUnits",
        {{"AccessToken", "minutes"}, {"IdToken", "seconds"}, {"RefreshToken", "minutes"}}},
       {"AuthSessionValidity", 5},
       {"PreventUserExistenceErrors", "ENABLED"},
       {"EnableTokenRevocation", false},
       {"ReadAttributes", {"email"}}});
  EXPECT_EQ(custom.access_token_seconds, 1800);
  EXPECT_EQ(custom.id_token_seconds, 600);
  EXPECT_EQ(custom.refresh_token_seconds, 5400);
  EXPECT_EQ(custom.auth_session_seconds, 300);
  EXPECT_TRUE(custom.prevent_user_existence_errors);
  EXPECT_FALSE(custom.enable_token_revocation);
  EXPECT_EQ(custom.read_attributes, std::vector<std::string>{"email"});
}

}  // namespace
}  // namespace cognito::actions
