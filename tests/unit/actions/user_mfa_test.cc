// Users' MFA settings: (Admin)SetUserMFAPreference, the legacy (Admin)SetUserSettings, what
// GetUser / AdminGetUser report, and the masked destinations.
#include "server/actions/user_mfa.h"

#include <gtest/gtest.h>

#include "tests/unit/actions/mfa_fixture.h"

namespace cognito::actions {
namespace {

using testing::MfaTest;

class UserMfaTest : public MfaTest {
 protected:
  void SetUp() override {
    MakePool("OPTIONAL", true, true, true);
    MakeUser("ann");
    CreateUser(pool_, "bob", kPassword, true);  // no phone, no email
  }
  // The MFA members of AdminGetUser.
  Json Mfa(const std::string& username) {
    Json user = Ok("AdminGetUser", {{"UserPoolId", pool_}, {"Username", username}});
    Json out = Json::object();
    for (const char* key : {"UserMFASettingList", "PreferredMfaSetting", "MFAOptions"}) {
      if (user.contains(key)) {
        out[key] = user[key];
      }
    }
    return out;
  }
  static Json Setting(bool enabled, bool preferred) {
    return {{"Enabled", enabled}, {"PreferredMfa", preferred}};
  }
};

TEST_F(UserMfaTest, PreferencesAreReportedInStableOrder) {
  EXPECT_EQ(Mfa("ann"), Json::object()) << "nothing enabled: no MFA members";
  Prefer("ann",
         {{"EmailMfaSettings", Setting(true, false)}, {"SMSMfaSettings", Setting(true, true)}});
  EXPECT_EQ(
      Mfa("ann"),
      Json({{"UserMFASettingList", {"SMS_MFA", "EMAIL_OTP"}},
            {"PreferredMfaSetting", "SMS_MFA"},
            {"MFAOptions", {{{"DeliveryMedium", "SMS"}, {"AttributeName", "phone_number"}}}}}));
  // Preferring another method moves the preference.
  Prefer("ann", {{"EmailMfaSettings", Setting(true, true)}});
  EXPECT_EQ(Mfa("ann")["PreferredMfaSetting"], "EMAIL_OTP");
  // Disabling the preferred method drops the preference; absent settings are left alone.
  Prefer("ann", {{"EmailMfaSettings", {{"Enabled", false}}}});
  EXPECT_EQ(
      Mfa("ann"),
      Json({{"UserMFASettingList", {"SMS_MFA"}},
            {"MFAOptions", {{{"DeliveryMedium", "SMS"}, {"AttributeName", "phone_number"}}}}}));
  Prefer("ann", {{"SMSMfaSettings", Setting(false, false)}});
  EXPECT_EQ(Mfa("ann"), Json::object());
}

TEST_F(UserMfaTest, PreferenceRules) {
  struct Case {
    const char* label;
    std::string username;
    Json settings;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"TOTP before a verified token",
       "ann",
       {{"SoftwareTokenMfaSettings", Setting(true, false)}},
       "User has not set up software token mfa"},
      {"SMS without a phone number",
       "bob",
       {{"SMSMfaSettings", Setting(true, false)}},
       "User does not have delivery config set to turn on SMS_MFA"},
      {"email without an email",
       "bob",
       {{"EmailMfaSettings", Setting(true, false)}},
       "User does not have delivery config set to turn on EMAIL_OTP"},
      {"two preferred",
       "ann",
       {{"SMSMfaSettings", Setting(true, true)}, {"EmailMfaSettings", Setting(true, true)}},
       "Only one MFA method can be preferred."},
      {"preferred but disabled",
       "ann",
       {{"SMSMfaSettings", Setting(false, true)}},
       "SMS_MFA must be enabled to be the preferred MFA method."},
  };
  for (const auto& c : cases) {
    Json input = c.settings;
    input["UserPoolId"] = pool_;
    input["Username"] = c.username;
    const Json e = Fail("AdminSetUserMFAPreference", input);
    EXPECT_EQ(e["__type"], "InvalidParameterException") << c.label;
    EXPECT_EQ(e["message"], c.message) << c.label;
  }
  EXPECT_EQ(Mfa("ann"), Json::object()) << "refused requests change nothing";
  EXPECT_EQ(
      Fail("AdminSetUserMFAPreference", {{"UserPoolId", pool_}, {"Username", "nobody"}})["__type"],
      "UserNotFoundException");
  EXPECT_EQ(Fail("AdminSetUserMFAPreference",
                 {{"UserPoolId", "us-east-1_nope"}, {"Username", "ann"}})["__type"],
            "ResourceNotFoundException");
}

TEST_F(UserMfaTest, PublicActionsAndGetUser) {
  const std::string token = AccessToken("ann");
  EXPECT_EQ(
      Ok("SetUserMFAPreference", {{"AccessToken", token}, {"SMSMfaSettings", Setting(true, true)}}),
      Json::object());
  const Json user = Ok("GetUser", {{"AccessToken", token}});
  EXPECT_EQ(user["UserMFASettingList"], Json({"SMS_MFA"}));
  EXPECT_EQ(user["PreferredMfaSetting"], "SMS_MFA");
  EXPECT_EQ(user["MFAOptions"],
            Json({{{"DeliveryMedium", "SMS"}, {"AttributeName", "phone_number"}}}));
  EXPECT_EQ(Fail("SetUserMFAPreference", {{"AccessToken", "bad"}})["__type"],
            "NotAuthorizedException");

  // The legacy call: an empty list turns SMS MFA off, SMS turns it on.
  EXPECT_EQ(Ok("SetUserSettings", {{"AccessToken", token}, {"MFAOptions", Json::array()}}),
            Json::object());
  EXPECT_EQ(Mfa("ann"), Json::object());
  Ok("SetUserSettings",
     {{"AccessToken", token},
      {"MFAOptions", {{{"DeliveryMedium", "SMS"}, {"AttributeName", "phone_number"}}}}});
  EXPECT_EQ(Mfa("ann")["UserMFASettingList"], Json({"SMS_MFA"}));
}

TEST_F(UserMfaTest, AdminSetUserSettings) {
  const Json sms = {{{"DeliveryMedium", "SMS"}, {"AttributeName", "phone_number"}}};
  Ok("AdminSetUserSettings", {{"UserPoolId", pool_}, {"Username", "ann"}, {"MFAOptions", sms}});
  EXPECT_EQ(Mfa("ann")["MFAOptions"], sms);
  Json e = Fail("AdminSetUserSettings",
                {{"UserPoolId", pool_}, {"Username", "bob"}, {"MFAOptions", sms}});
  EXPECT_EQ(e["message"], "User does not have delivery config set to turn on SMS_MFA");
  e = Fail("AdminSetUserSettings", {{"UserPoolId", pool_},
                                    {"Username", "ann"},
                                    {"MFAOptions", {{{"DeliveryMedium", "EMAIL"}}}}});
  EXPECT_EQ(e["message"], "Only SMS is supported as the delivery medium of MFAOptions.");
  Ok("AdminSetUserSettings",
     {{"UserPoolId", pool_}, {"Username", "ann"}, {"MFAOptions", Json::array()}});
  EXPECT_EQ(Mfa("ann"), Json::object());
}

TEST_F(UserMfaTest, SettingsGoWithTheUser) {
  Prefer("ann", {{"SMSMfaSettings", Setting(true, true)}});
  Ok("AdminDeleteUser", {{"UserPoolId", pool_}, {"Username", "ann"}});
  MakeUser("ann");
  EXPECT_EQ(Mfa("ann"), Json::object());
}

TEST(UserMfaMaskTest, MaskedDestinations) {
  struct Case {
    const char* label;
    std::string in;
    std::string want;
  };
  const Case phones[] = {
      {"e164", "+15551234567", "+*******4567"},
      {"without plus", "5551234567", "******4567"},
      {"four digits", "1234", "1234"},
  };
  for (const auto& c : phones) {
    EXPECT_EQ(MaskPhone(c.in), c.want) << c.label;
  }
  const Case emails[] = {
      {"address", "jane@example.com", "j***@e***"},
      {"one-letter parts", "j@e", "j***@e***"},
      {"no domain", "jane@", "***"},
      {"no local part", "@example.com", "***"},
      {"no at sign", "jane", "***"},
  };
  for (const auto& c : emails) {
    EXPECT_EQ(MaskEmail(c.in), c.want) << c.label;
  }
}

}  // namespace
}  // namespace cognito::actions
