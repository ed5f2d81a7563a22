// Remembered devices driven through the Service as a client would: NewDeviceMetadata,
// ConfirmDevice, DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER, refresh bound to the device, the
// device actions and their admin variants, and the errors clients recover from.
#include <gtest/gtest.h>

#include "auth/crypto.h"
#include "auth/srp.h"
#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

// The device side of device SRP, as amazon-cognito-identity-js computes it (srp.md §4).
class DeviceClient {
 public:
  DeviceClient(auth::Random& random, const Json& metadata)
      : key_(metadata["DeviceKey"]),
        group_(metadata["DeviceGroupKey"]),
        password_(auth::Base64Encode(random.Bytes(40))),
        a_(random.Bytes(128)),
        A_(auth::SrpClientPublic(a_)) {
    stored_ = auth::MakePasswordVerifier(group_, key_, password_, random);
  }
  const std::string& key() const { return key_; }
  Json VerifierConfig() const {
    return {{"Salt", auth::Base64Encode(stored_.salt)},
            {"PasswordVerifier", auth::Base64Encode(stored_.verifier)}};
  }
  std::string SrpA() const { return auth::HexEncode(A_); }
  Json Answer(const Json& params, const std::string& timestamp, bool wrong_secret = false) const {
    const std::string salt = *auth::SrpParseHexInt(params["SALT"].get<std::string>());
    const std::string B = *auth::SrpParseHexInt(params["SRP_B"].get<std::string>());
    const std::string x =
        auth::SrpComputeX(salt, group_, key_, wrong_secret ? password_ + "x" : password_);
    const std::string S = *auth::SrpClientPremaster(a_, B, x);
    const std::string k = auth::SrpDeriveKey(auth::SrpComputeU(A_, B), S);
    const std::string block = params["SECRET_BLOCK"];
    return {{"USERNAME", params["USERNAME"]},
            {"DEVICE_KEY", key_},
            {"PASSWORD_CLAIM_SECRET_BLOCK", block},
            {"TIMESTAMP", timestamp},
            {"PASSWORD_CLAIM_SIGNATURE",
             auth::SrpSignature(k, group_, key_, *auth::Base64Decode(block), timestamp)}};
  }

 private:
  std::string key_, group_, password_, a_, A_;
  auth::PasswordVerifier stored_;
};

class DeviceTest : public ServiceTest {
 protected:
  void Setup(const Json& device_configuration) {
    Json pool_input = Json::object();
    if (!device_configuration.is_null()) {
      pool_input["DeviceConfiguration"] = device_configuration;
    }
    pool_ = CreatePool(pool_input);
    client_ = CreateClient(pool_, {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"})["ClientId"];
    CreateUser(pool_, "ann", "Passw0rd!", true);
    CreateUser(pool_, "bob", "Passw0rd!", true);
  }
  Json PasswordInput(const std::string& user, const std::string& device_key = "") {
    Json params{{"USERNAME", user}, {"PASSWORD", "Passw0rd!"}};
    if (!device_key.empty()) {
      params["DEVICE_KEY"] = device_key;
    }
    return {{"ClientId", client_}, {"AuthFlow", "USER_PASSWORD_AUTH"}, {"AuthParameters", params}};
  }
  Json Respond(const std::string& challenge, const Json& responses, const Json& session) {
    return {{"ClientId", client_},
            {"ChallengeName", challenge},
            {"ChallengeResponses", responses},
            {"Session", session}};
  }
  std::string Now() const { return auth::FormatSrpTimestamp(clock().NowSeconds()); }
  // Signs in without a device and confirms the device the sign-in was issued.
  DeviceClient Confirm(const std::string& user, bool expect_prompt = false) {
    const Json result = Ok("InitiateAuth", PasswordInput(user))["AuthenticationResult"];
    EXPECT_TRUE(result.contains("NewDeviceMetadata"));
    DeviceClient device(random_, result["NewDeviceMetadata"]);
    Json out = Ok("ConfirmDevice", {{"AccessToken", result["AccessToken"]},
                                    {"DeviceKey", device.key()},
                                    {"DeviceSecretVerifierConfig", device.VerifierConfig()},
                                    {"DeviceName", "ann's phone"}});
    EXPECT_EQ(out["UserConfirmationNecessary"], expect_prompt);
    refresh_token_ = result["RefreshToken"];
    access_token_ = result["AccessToken"];
    return device;
  }
  // A sign-in with the device's key through DEVICE_SRP_AUTH; returns the verifier challenge.
  Json StartDeviceSrp(const std::string& user, const DeviceClient& device) {
    Json challenge = Ok("InitiateAuth", PasswordInput(user, device.key()));
    EXPECT_EQ(challenge["ChallengeName"], "DEVICE_SRP_AUTH");
    EXPECT_EQ(challenge["ChallengeParameters"]["DEVICE_KEY"], device.key());
    Json verifier = Ok("RespondToAuthChallenge",
                       Respond("DEVICE_SRP_AUTH",
                               {{"USERNAME", user}, {"DEVICE_KEY", device.key()}, {"SRP_A", device.SrpA()}},
                               challenge["Session"]));
    EXPECT_EQ(verifier["ChallengeName"], "DEVICE_PASSWORD_VERIFIER");
    return verifier;
  }
  Json Refresh(const std::string& device_key) {
    Json params{{"REFRESH_TOKEN", refresh_token_}};
    if (!device_key.empty()) {
      params["DEVICE_KEY"] = device_key;
    }
    return {{"ClientId", client_}, {"AuthFlow", "REFRESH_TOKEN_AUTH"}, {"AuthParameters", params}};
  }

  auth::SeededRandom random_{23};
  std::string pool_, client_, refresh_token_, access_token_;
};

const Json kAlways{{"ChallengeRequiredOnNewDevice", true}, {"DeviceOnlyRememberedOnUserPrompt", false}};
const Json kOnPrompt{{"ChallengeRequiredOnNewDevice", true}, {"DeviceOnlyRememberedOnUserPrompt", true}};

TEST_F(DeviceTest, RememberedDeviceSignsInWithDeviceSrp) {
  Setup(kAlways);
  const DeviceClient device = Confirm("ann");
  const Json verifier = StartDeviceSrp("ann", device);
  for (const char* key : {"SRP_B", "SALT", "SECRET_BLOCK", "USERNAME", "DEVICE_KEY"}) {
    EXPECT_TRUE(verifier["ChallengeParameters"].contains(key)) << key;
  }
  const Json input =
      Respond("DEVICE_PASSWORD_VERIFIER", device.Answer(verifier["ChallengeParameters"], Now()),
              verifier["Session"]);
  const Json out = Ok("RespondToAuthChallenge", input);
  ASSERT_TRUE(out.contains("AuthenticationResult"));
  EXPECT_FALSE(out["AuthenticationResult"].contains("NewDeviceMetadata"));
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"],
            "Invalid session for the user, session can only be used once.");

  const Json devices = Ok("ListDevices", {{"AccessToken", out["AuthenticationResult"]["AccessToken"]}});
  ASSERT_EQ(devices["Devices"].size(), 1u);
  EXPECT_EQ(devices["Devices"][0]["DeviceKey"], device.key());
  EXPECT_NE(devices["Devices"][0]["DeviceAttributes"].dump().find(
                R"({"Name":"dev:device_remembered_status","Value":"remembered"})"),
            std::string::npos);
  EXPECT_NE(devices["Devices"][0]["DeviceAttributes"].dump().find("ann's phone"), std::string::npos);
}

TEST_F(DeviceTest, WrongDeviceSecretFailsAndUsesUpTheSession) {
  Setup(kAlways);
  const DeviceClient device = Confirm("ann");
  const Json verifier = StartDeviceSrp("ann", device);
  Json input = Respond("DEVICE_PASSWORD_VERIFIER",
                       device.Answer(verifier["ChallengeParameters"], Now(), true), verifier["Session"]);
  Json e = Fail("RespondToAuthChallenge", input);
  EXPECT_EQ(e["__type"], "NotAuthorizedException");
  EXPECT_EQ(e["message"], "Incorrect username or password.");
  input["ChallengeResponses"] = device.Answer(verifier["ChallengeParameters"], Now());
  EXPECT_EQ(Fail("RespondToAuthChallenge", input)["message"],
            "Invalid session for the user, session can only be used once.");
}

TEST_F(DeviceTest, DeviceSrpAnswersAreCheckedAgainstTheFlow) {
  Setup(kAlways);
  const DeviceClient device = Confirm("ann");
  const Json challenge = Ok("InitiateAuth", PasswordInput("ann", device.key()));
  Json responses{{"USERNAME", "ann"}, {"DEVICE_KEY", device.key()}, {"SRP_A", "0"}};
  Json e = Fail("RespondToAuthChallenge", Respond("DEVICE_SRP_AUTH", responses, challenge["Session"]));
  EXPECT_EQ(e["__type"], "InvalidParameterException");
  EXPECT_EQ(e["message"], "Invalid SRP_A value.");
  responses["SRP_A"] = device.SrpA();
  responses["DEVICE_KEY"] = "us-east-1_00000000-0000-0000-0000-000000000000";
  e = Fail("RespondToAuthChallenge", Respond("DEVICE_SRP_AUTH", responses, challenge["Session"]));
  EXPECT_EQ(e["message"], "Device does not exist.");
  responses["DEVICE_KEY"] = device.key();
  responses["USERNAME"] = "bob";
  e = Fail("RespondToAuthChallenge", Respond("DEVICE_SRP_AUTH", responses, challenge["Session"]));
  EXPECT_EQ(e["message"], "Invalid session provided for the user.");
  // A stale TIMESTAMP fails the proof like a wrong secret.
  const Json verifier = StartDeviceSrp("ann", device);
  e = Fail("RespondToAuthChallenge",
           Respond("DEVICE_PASSWORD_VERIFIER",
                   device.Answer(verifier["ChallengeParameters"],
                                 auth::FormatSrpTimestamp(clock().NowSeconds() - 3600)),
                   verifier["Session"]));
  EXPECT_EQ(e["message"], "Incorrect username or password.");
}

TEST_F(DeviceTest, UnknownForgottenAndOtherUsersDevicesDoNotExist) {
  Setup(kAlways);
  const DeviceClient device = Confirm("ann");
  for (const std::string& key : {std::string("us-east-1_00000000-0000-0000-0000-000000000000"), device.key()}) {
    Json e = Fail("InitiateAuth", PasswordInput(key == device.key() ? "bob" : "ann", key));
    EXPECT_EQ(e["__type"], "ResourceNotFoundException") << key;
    EXPECT_EQ(e["message"], "Device does not exist.") << key;
  }
  Json e = Fail("GetDevice", {{"AccessToken", access_token_}, {"DeviceKey", "us-east-1_0abc"}});
  EXPECT_EQ(e["message"], "Device does not exist.");
  Ok("ForgetDevice", {{"AccessToken", access_token_}, {"DeviceKey", device.key()}});
  EXPECT_EQ(Fail("InitiateAuth", PasswordInput("ann", device.key()))["message"], "Device does not exist.");
  EXPECT_EQ(Fail("ForgetDevice", {{"AccessToken", access_token_}, {"DeviceKey", device.key()}})["__type"],
            "ResourceNotFoundException");
}

TEST_F(DeviceTest, RefreshNeedsTheConfirmedDeviceOfTheToken) {
  Setup(kAlways);
  const DeviceClient device = Confirm("ann");
  EXPECT_TRUE(Ok("InitiateAuth", Refresh(device.key())).contains("AuthenticationResult"));
  EXPECT_EQ(Fail("InitiateAuth", Refresh(""))["message"], "Invalid Refresh Token");
  Ok("ForgetDevice", {{"AccessToken", access_token_}, {"DeviceKey", device.key()}});
  EXPECT_EQ(Fail("InitiateAuth", Refresh(device.key()))["message"], "Invalid Refresh Token");
}

TEST_F(DeviceTest, ConfirmDeviceChecksTheTokenAndTheVerifier) {
  Setup(kAlways);
  const Json result = Ok("InitiateAuth", PasswordInput("ann"))["AuthenticationResult"];
  DeviceClient device(random_, result["NewDeviceMetadata"]);
  Json input{{"AccessToken", result["AccessToken"]},
             {"DeviceKey", "us-east-1_11111111-2222-3333-4444-555555555555"},
             {"DeviceSecretVerifierConfig", device.VerifierConfig()}};
  EXPECT_EQ(Fail("ConfirmDevice", input)["message"], "Device does not exist.");
  input["DeviceKey"] = device.key();
  input["DeviceSecretVerifierConfig"] = {{"Salt", "AAAA"}, {"PasswordVerifier", "not base64!"}};
  EXPECT_EQ(Fail("ConfirmDevice", input)["__type"], "InvalidParameterException");
  input["DeviceSecretVerifierConfig"] = device.VerifierConfig();
  Ok("ConfirmDevice", input);
  EXPECT_EQ(Fail("ConfirmDevice", input)["__type"], "DeviceKeyExistsException");
}

TEST_F(DeviceTest, PoolsWithoutDeviceTrackingIssueNoDevices) {
  Setup(nullptr);
  const Json result = Ok("InitiateAuth", PasswordInput("ann"))["AuthenticationResult"];
  EXPECT_FALSE(result.contains("NewDeviceMetadata"));
  // A DEVICE_KEY is ignored there.
  EXPECT_TRUE(Ok("InitiateAuth", PasswordInput("ann", "us-east-1_0abc")).contains("AuthenticationResult"));
}

TEST_F(DeviceTest, OptInDevicesAreRememberedOnlyWhenTheUserSaysSo) {
  Setup(kOnPrompt);
  const DeviceClient device = Confirm("ann", true);
  // Not remembered: no device SRP, and no new device either.
  Json out = Ok("InitiateAuth", PasswordInput("ann", device.key()));
  ASSERT_TRUE(out.contains("AuthenticationResult"));
  EXPECT_FALSE(out["AuthenticationResult"].contains("NewDeviceMetadata"));
  Ok("AdminUpdateDeviceStatus", {{"UserPoolId", pool_},
                                 {"Username", "ann"},
                                 {"DeviceKey", device.key()},
                                 {"DeviceRememberedStatus", "remembered"}});
  StartDeviceSrp("ann", device);
  const Json admin_view =
      Ok("AdminGetDevice", {{"UserPoolId", pool_}, {"Username", "ann"}, {"DeviceKey", device.key()}});
  EXPECT_EQ(admin_view["Device"]["DeviceKey"], device.key());
  Ok("UpdateDeviceStatus", {{"AccessToken", access_token_},
                            {"DeviceKey", device.key()},
                            {"DeviceRememberedStatus", "not_remembered"}});
  EXPECT_TRUE(Ok("InitiateAuth", PasswordInput("ann", device.key())).contains("AuthenticationResult"));
  EXPECT_EQ(Fail("AdminGetDevice", {{"UserPoolId", pool_}, {"Username", "bob"}, {"DeviceKey", device.key()}})
                ["message"],
            "Device does not exist.");
  Ok("AdminForgetDevice", {{"UserPoolId", pool_}, {"Username", "ann"}, {"DeviceKey", device.key()}});
  EXPECT_TRUE(Ok("AdminListDevices", {{"UserPoolId", pool_}, {"Username", "ann"}})["Devices"].empty());
}

TEST_F(DeviceTest, ListDevicesPages) {
  Setup(kAlways);
  for (int i = 0; i < 3; ++i) {
    Confirm("ann");
  }
  Json page = Ok("AdminListDevices", {{"UserPoolId", pool_}, {"Username", "ann"}, {"Limit", 2}});
  ASSERT_EQ(page["Devices"].size(), 2u);
  ASSERT_TRUE(page.contains("PaginationToken"));
  Json rest = Ok("AdminListDevices", {{"UserPoolId", pool_},
                                      {"Username", "ann"},
                                      {"Limit", 2},
                                      {"PaginationToken", page["PaginationToken"]}});
  ASSERT_EQ(rest["Devices"].size(), 1u);
  EXPECT_FALSE(rest.contains("PaginationToken"));
  EXPECT_LT(page["Devices"][1]["DeviceKey"].get<std::string>(),
            rest["Devices"][0]["DeviceKey"].get<std::string>());
}

}  // namespace
}  // namespace cognito::actions
