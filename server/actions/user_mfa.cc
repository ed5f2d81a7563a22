#include "server/actions/user_mfa.h"

#include "server/actions/error.h"
#include "server/actions/fields.h"

namespace cognito::actions {

namespace {

// One method's flags inside a UserMfaRecord, with the request member that sets them.
struct MethodFlags {
  auth::MfaMethod method;
  const char* member;
  bool& enabled;
  bool& preferred;
};

std::vector<MethodFlags> Flags(storage::UserMfaRecord& mfa) {
  return {
      {auth::MfaMethod::kSms, "SMSMfaSettings", mfa.sms_enabled, mfa.sms_preferred},
      {auth::MfaMethod::kTotp, "SoftwareTokenMfaSettings", mfa.totp_enabled, mfa.totp_preferred},
      {auth::MfaMethod::kEmail, "EmailMfaSettings", mfa.email_enabled, mfa.email_preferred}};
}

void CheckCanEnable(const storage::UserRecord& user, const storage::UserMfaRecord& mfa,
                    auth::MfaMethod method) {
  bool ready = true;
  switch (method) {
    case auth::MfaMethod::kTotp:
      if (mfa.totp_secret.empty()) {
        throw CognitoError::InvalidParameter("User has not set up software token mfa");
      }
      break;
    case auth::MfaMethod::kSms:
      ready = !AttributeValue(user, "phone_number").empty();
      break;
    case auth::MfaMethod::kEmail:
      ready = !AttributeValue(user, "email").empty();
      break;
  }
  if (!ready) {
    throw CognitoError::InvalidParameter("User does not have delivery config set to turn on " +
                                         std::string(auth::MfaMethodName(method)));
  }
}

void Save(Context& ctx, const storage::UserMfaRecord& mfa) {
  ctx.Write([mfa](storage::Store& store) { store.PutUserMfa(mfa); });
}

}  // namespace

storage::UserMfaRecord LoadUserMfa(Context& ctx, const storage::UserRecord& user) {
  auto stored = ctx.store.GetUserMfa(user.pool_id, user.username);
  if (stored) {
    return std::move(*stored);
  }
  storage::UserMfaRecord mfa;
  mfa.pool_id = user.pool_id;
  mfa.username = user.username;
  return mfa;
}

std::vector<auth::MfaMethod> EnabledMfaMethods(const storage::UserMfaRecord& mfa) {
  std::vector<auth::MfaMethod> methods;
  if (mfa.sms_enabled) {
    methods.push_back(auth::MfaMethod::kSms);
  }
  if (mfa.totp_enabled) {
    methods.push_back(auth::MfaMethod::kTotp);
  }
  if (mfa.email_enabled) {
    methods.push_back(auth::MfaMethod::kEmail);
  }
  return methods;
}

std::optional<auth::MfaMethod> PreferredMfaMethod(const storage::UserMfaRecord& mfa) {
  if (mfa.sms_enabled && mfa.sms_preferred) {
    return auth::MfaMethod::kSms;
  }
  if (mfa.totp_enabled && mfa.totp_preferred) {
    return auth::MfaMethod::kTotp;
  }
  if (mfa.email_enabled && mfa.email_preferred) {
    return auth::MfaMethod::kEmail;
  }
  return std::nullopt;
}

void AddMfaMembers(const storage::UserMfaRecord& mfa, Json& out) {
  Json list = Json::array();
  for (auth::MfaMethod m : EnabledMfaMethods(mfa)) {
    list.push_back(std::string(auth::MfaMethodName(m)));
  }
  if (!list.empty()) {
    out["UserMFASettingList"] = std::move(list);
  }
  if (auto preferred = PreferredMfaMethod(mfa)) {
    out["PreferredMfaSetting"] = std::string(auth::MfaMethodName(*preferred));
  }
  if (mfa.sms_enabled) {
    out["MFAOptions"] =
        Json::array({{{"DeliveryMedium", "SMS"}, {"AttributeName", "phone_number"}}});
  }
}

void ApplyMfaPreference(Context& ctx, const storage::UserRecord& user, const Json& input) {
  storage::UserMfaRecord mfa = LoadUserMfa(ctx, user);
  int preferred_count = 0;
  for (auto& flags : Flags(mfa)) {
    const Json* settings = OptMember(input, flags.member);
    if (settings == nullptr) {
      continue;
    }
    if (auto enabled = OptBool(*settings, "Enabled")) {
      if (*enabled && !flags.enabled) {
        CheckCanEnable(user, mfa, flags.method);
      }
      flags.enabled = *enabled;
      flags.preferred = flags.preferred && *enabled;
    }
    if (auto preferred = OptBool(*settings, "PreferredMfa")) {
      if (*preferred && !flags.enabled) {
        throw CognitoError::InvalidParameter(std::string(auth::MfaMethodName(flags.method)) +
                                             " must be enabled to be the preferred MFA method.");
      }
      preferred_count += *preferred ? 1 : 0;
      flags.preferred = *preferred;
    }
  }
  if (preferred_count > 1) {
    throw CognitoError::InvalidParameter("Only one MFA method can be preferred.");
  }
  if (preferred_count == 1) {
    // The newly preferred method replaces any earlier preference.
    for (auto& flags : Flags(mfa)) {
      const Json* settings = OptMember(input, flags.member);
      const bool chosen = settings != nullptr && OptBool(*settings, "PreferredMfa").value_or(false);
      flags.preferred = chosen;
    }
  }
  Save(ctx, mfa);
}

void ApplyMfaOptions(Context& ctx, const storage::UserRecord& user, const Json& input) {
  storage::UserMfaRecord mfa = LoadUserMfa(ctx, user);
  bool sms = false;
  const Json* options = OptMember(input, "MFAOptions");
  for (const Json& option : options != nullptr ? *options : Json::array()) {
    if (option.is_null()) {
      continue;
    }
    if (OptStr(option, "DeliveryMedium").value_or("") != "SMS") {
      throw CognitoError::InvalidParameter(
          "Only SMS is supported as the delivery medium of MFAOptions.");
    }
    if (OptStr(option, "AttributeName").value_or("phone_number") != "phone_number") {
      throw CognitoError::InvalidParameter(
          "Only phone_number is supported as the attribute of MFAOptions.");
    }
    sms = true;
  }
  if (sms && !mfa.sms_enabled) {
    CheckCanEnable(user, mfa, auth::MfaMethod::kSms);
  }
  mfa.sms_enabled = sms;
  mfa.sms_preferred = mfa.sms_preferred && sms;
  Save(ctx, mfa);
}

std::string AttributeValue(const storage::UserRecord& user, const std::string& name) {
  for (const auto& [key, value] : user.attributes) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

std::string MaskPhone(const std::string& phone) {
  std::string masked = phone;
  const size_t keep = 4;
  for (size_t i = 0; i + keep < masked.size(); ++i) {
    if (masked[i] != '+') {
      masked[i] = '*';
    }
  }
  return masked;
}

std::string MaskEmail(const std::string& email) {
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= email.size()) {
    return "***";
  }
  return email.substr(0, 1) + "***@" + email.substr(at + 1, 1) + "***";
}

}  // namespace cognito::actions
