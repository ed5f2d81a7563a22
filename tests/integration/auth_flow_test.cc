// Sign-in sessions and token checks over real HTTP: SRP, expiry with the injected clock,
// replay, cross-client and cross-user use, and forged, expired and foreign tokens.
#include <future>
#include <vector>

#include "auth/crypto.h"
#include "auth/srp.h"
#include "tests/integration/api_fixture.h"
#include "tests/unit/actions/srp_client.h"

namespace cognito {
namespace {

using actions::testing::SrpClient;

class AuthFlowTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    pool_ = Ok("CreateUserPool", {{"PoolName", "flows"}})["UserPool"]["Id"];
    client_id_ = NewClient();
    for (const char* name : {"ann", "bob"}) {
      Ok("AdminCreateUser", {{"UserPoolId", pool_}, {"Username", name}, {"MessageAction", "SUPPRESS"}});
      Ok("AdminSetUserPassword",
         {{"UserPoolId", pool_}, {"Username", name}, {"Password", "Passw0rd!"}, {"Permanent", true}});
    }
  }
  std::string NewClient() {
    return Ok("CreateUserPoolClient",
              {{"UserPoolId", pool_},
               {"ClientName", "c"},
               {"ExplicitAuthFlows", {"ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH",
                                      "ALLOW_REFRESH_TOKEN_AUTH"}}})["UserPoolClient"]["ClientId"];
  }
  test::HttpResponse Unsigned(const std::string& action, const json& input) {
    return client_->Call(action, input.dump(), false);
  }
  // USER_SRP_AUTH; returns the PASSWORD_VERIFIER challenge.
  json StartSrp(const SrpClient& srp, const std::string& username) {
    auto r = Unsigned("InitiateAuth", {{"ClientId", client_id_},
                                       {"AuthFlow", "USER_SRP_AUTH"},
                                       {"AuthParameters", {{"USERNAME", username}, {"SRP_A", srp.SrpA()}}}});
    EXPECT_EQ(r.status, 200u) << r.body;
    return json::parse(r.body);
  }
  json Verifier(const SrpClient& srp, const json& challenge, const std::string& client) {
    return {{"ClientId", client},
            {"ChallengeName", "PASSWORD_VERIFIER"},
            {"Session", challenge["Session"]},
            {"ChallengeResponses",
             srp.Answer(challenge["ChallengeParameters"], pool_, "Passw0rd!",
                        auth::FormatSrpTimestamp(clock_.NowSeconds()))}};
  }
  static std::string Message(const test::HttpResponse& r) { return json::parse(r.body).value("message", ""); }

  auth::SeededRandom srp_random_{5};
  std::string pool_;
  std::string client_id_;
};

TEST_F(AuthFlowTest, SrpSignInAndReplay) {
  SrpClient srp(srp_random_);
  const json challenge = StartSrp(srp, "ann");
  const json answer = Verifier(srp, challenge, client_id_);
  auto r = Unsigned("RespondToAuthChallenge", answer);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(json::parse(r.body)["AuthenticationResult"].contains("AccessToken"));
  r = Unsigned("RespondToAuthChallenge", answer);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.headers["x-amzn-errortype"], "NotAuthorizedException:");
  EXPECT_EQ(Message(r), "Invalid session for the user, session can only be used once.");
}

TEST_F(AuthFlowTest, ConcurrentAnswersToOneSessionHaveOneWinner) {
  SrpClient srp(srp_random_);
  const json answer = Verifier(srp, StartSrp(srp, "ann"), client_id_);
  constexpr int kRacers = 4;
  std::vector<std::future<unsigned>> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.push_back(std::async(std::launch::async, [&, port = server_->port()] {
      test::HttpClient http(port);
      return http.Call("RespondToAuthChallenge", answer.dump(), false).status;
    }));
  }
  int winners = 0;
  for (auto& r : racers) {
    winners += r.get() == 200u ? 1 : 0;
  }
  EXPECT_EQ(winners, 1);
}

TEST_F(AuthFlowTest, SessionExpiresWithTheClientValidity) {
  SrpClient srp(srp_random_);
  const json challenge = StartSrp(srp, "ann");
  clock_.Advance(3 * 60 * 1000 + 1000);
  auto r = Unsigned("RespondToAuthChallenge", Verifier(srp, challenge, client_id_));
  EXPECT_EQ(Message(r), "Invalid session for the user, session is expired.");
}

TEST_F(AuthFlowTest, SessionsAreBoundToClientAndUser) {
  SrpClient srp(srp_random_);
  const json challenge = StartSrp(srp, "ann");
  auto r = Unsigned("RespondToAuthChallenge", Verifier(srp, challenge, NewClient()));
  EXPECT_EQ(Message(r), "Invalid session provided for the user.");
  json other_user = Verifier(srp, challenge, client_id_);
  other_user["ChallengeResponses"]["USERNAME"] = "bob";
  r = Unsigned("RespondToAuthChallenge", other_user);
  EXPECT_EQ(Message(r), "Invalid session provided for the user.");
}

TEST_F(AuthFlowTest, ForgedExpiredAndForeignTokensAreRefused) {
  auto r = Unsigned("InitiateAuth", {{"ClientId", client_id_},
                                     {"AuthFlow", "USER_PASSWORD_AUTH"},
                                     {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}});
  const json tokens = json::parse(r.body)["AuthenticationResult"];
  const std::string access = tokens["AccessToken"];
  const std::string payload = access.substr(access.find('.') + 1, access.rfind('.') - access.find('.') - 1);
  auto get_user = [&](const std::string& token) { return Unsigned("GetUser", {{"AccessToken", token}}); };

  EXPECT_EQ(Message(get_user(auth::Base64UrlEncode(R"({"alg":"none"})") + "." + payload + ".")),
            "Invalid Access Token");
  EXPECT_EQ(Message(get_user(auth::Base64UrlEncode(R"({"kid":"x","alg":"HS256"})") + "." + payload + ".c2ln")),
            "Invalid Access Token");
  EXPECT_EQ(Message(get_user(tokens["IdToken"])), "Invalid Access Token");

  // A token from another install (other keys, same pool id format) is not ours.
  actions::ServiceOptions options;
  auth::SecureRandom random;
  actions::Service other(options, clock_, random);
  const std::string other_pool = json::parse(other.Call("CreateUserPool", {{"PoolName", "x"}}).body)["UserPool"]["Id"];
  const std::string other_client = json::parse(other.Call("CreateUserPoolClient",
      {{"UserPoolId", other_pool}, {"ClientName", "c"}, {"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH"}}}).body)
      ["UserPoolClient"]["ClientId"];
  other.Call("AdminCreateUser", {{"UserPoolId", other_pool}, {"Username", "ann"}, {"MessageAction", "SUPPRESS"}});
  other.Call("AdminSetUserPassword", {{"UserPoolId", other_pool}, {"Username", "ann"}, {"Password", "Passw0rd!"}, {"Permanent", true}});
  const json foreign = json::parse(other.Call("InitiateAuth", {{"ClientId", other_client},
      {"AuthFlow", "USER_PASSWORD_AUTH"}, {"AuthParameters", {{"USERNAME", "ann"}, {"PASSWORD", "Passw0rd!"}}}}).body);
  ASSERT_TRUE(foreign.contains("AuthenticationResult")) << foreign.dump();
  EXPECT_EQ(Message(get_user(foreign["AuthenticationResult"]["AccessToken"])), "Invalid Access Token");

  EXPECT_EQ(get_user(access).status, 200u);
  clock_.Advance(3600 * 1000 + 1000);
  EXPECT_EQ(Message(get_user(access)), "Access Token has expired");
}

}  // namespace
}  // namespace cognito
