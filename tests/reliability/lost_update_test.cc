// Regression tests for lost updates the soak (soak.py) found: an action that reads a user,
// does its CPU-heavy work outside the write lock and then writes the user back must not undo an
// admin change committed in between. The interleaving is forced deterministically: a Random
// that runs a hook on its next draw, which the new-password answer makes (the salt of the new
// verifier) after reading the user and before its deferred write.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "auth/clock.h"
#include "auth/random.h"
#include "server/actions/service.h"

namespace cognito {
namespace {

using actions::Json;

constexpr int64_t kStart = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

// Deterministic bytes; Arm() makes the next Bytes() call run `hook` first, once.
class HookRandom final : public auth::Random {
 public:
  std::string Bytes(size_t n) override {
    std::function<void()> hook;
    {
      std::lock_guard lock(mutex_);
      hook.swap(hook_);
    }
    if (hook) {
      hook();
    }
    return inner_.Bytes(n);
  }
  void Arm(std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    hook_ = std::move(hook);
  }

 private:
  std::mutex mutex_;
  std::function<void()> hook_;
  auth::SeededRandom inner_{5};
};

class LostUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cognito-lost-update-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    actions::ServiceOptions options;
    options.db_path = (dir_ / "db.sqlite").string();
    options.stores = 2;  // the hook's request needs a second connection
    service_ = std::make_unique<actions::Service>(options, clock_, random_);
    pool_ = Ok("CreateUserPool", {{"PoolName", "p"}})["UserPool"]["Id"];
    client_ = Ok("CreateUserPoolClient", {{"UserPoolId", pool_},
                                          {"ClientName", "c"},
                                          {"ExplicitAuthFlows", {"ALLOW_USER_PASSWORD_AUTH"}}})
                  ["UserPoolClient"]["ClientId"];
    Ok("AdminCreateUser", {{"UserPoolId", pool_},
                           {"Username", "bob"},
                           {"TemporaryPassword", "Temp-Passw0rd"},
                           {"MessageAction", "SUPPRESS"}});
  }
  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(dir_);
  }

  Json Ok(const std::string& action, const Json& input) {
    const actions::ApiResponse r = service_->Call(action, input);
    EXPECT_EQ(r.status, 200u) << action << ": " << r.body;
    return Json::parse(r.body);
  }
  // Signs bob in with the temporary password: the NEW_PASSWORD_REQUIRED session.
  std::string NewPasswordSession() {
    const Json challenge = Ok("InitiateAuth", {{"ClientId", client_},
                                               {"AuthFlow", "USER_PASSWORD_AUTH"},
                                               {"AuthParameters",
                                                {{"USERNAME", "bob"}, {"PASSWORD", "Temp-Passw0rd"}}}});
    EXPECT_EQ(challenge.value("ChallengeName", ""), "NEW_PASSWORD_REQUIRED");
    return challenge.value("Session", "");
  }
  actions::ApiResponse AnswerNewPassword(const std::string& session) {
    return service_->Call("RespondToAuthChallenge",
                          {{"ClientId", client_},
                           {"ChallengeName", "NEW_PASSWORD_REQUIRED"},
                           {"Session", session},
                           {"ChallengeResponses", {{"USERNAME", "bob"}, {"NEW_PASSWORD", "Final-Passw0rd"}}}});
  }
  Json Bob() { return Json{{"UserPoolId", pool_}, {"Username", "bob"}}; }

  std::filesystem::path dir_;
  auth::FakeClock clock_{kStart};
  HookRandom random_;
  std::unique_ptr<actions::Service> service_;
  std::string pool_;
  std::string client_;
};

TEST_F(LostUpdateTest, NewPasswordAnswerDoesNotUndoAConcurrentDisable) {
  const std::string session = NewPasswordSession();
  random_.Arm([this] { Ok("AdminDisableUser", Bob()); });
  const actions::ApiResponse answer = AnswerNewPassword(session);
  EXPECT_FALSE(Ok("AdminGetUser", Bob())["Enabled"].get<bool>())
      << "the sign-in re-enabled a user disabled while it ran";
  EXPECT_EQ(answer.status, 400u) << answer.body;
  EXPECT_EQ(answer.error_type, "NotAuthorizedException");
  EXPECT_EQ(answer.error_message, "User is disabled.");
}

TEST_F(LostUpdateTest, NewPasswordAnswerForAUserDeletedMeanwhileIsAClientError) {
  const std::string session = NewPasswordSession();
  random_.Arm([this] { Ok("AdminDeleteUser", Bob()); });
  const actions::ApiResponse answer = AnswerNewPassword(session);
  EXPECT_EQ(answer.status, 400u) << answer.body;
  EXPECT_EQ(answer.error_type, "UserNotFoundException") << answer.body;
  EXPECT_EQ(service_->Call("AdminGetUser", Bob()).error_type, "UserNotFoundException");
}

TEST_F(LostUpdateTest, NewPasswordAnswerStillWorksWithoutInterference) {
  const actions::ApiResponse answer = AnswerNewPassword(NewPasswordSession());
  ASSERT_EQ(answer.status, 200u) << answer.body;
  EXPECT_TRUE(Json::parse(answer.body).contains("AuthenticationResult"));
  const Json user = Ok("AdminGetUser", Bob());
  EXPECT_EQ(user["UserStatus"], "CONFIRMED");
  EXPECT_TRUE(user["Enabled"].get<bool>());
  Ok("InitiateAuth", {{"ClientId", client_},
                      {"AuthFlow", "USER_PASSWORD_AUTH"},
                      {"AuthParameters", {{"USERNAME", "bob"}, {"PASSWORD", "Final-Passw0rd"}}}});
}

}  // namespace
}  // namespace cognito
