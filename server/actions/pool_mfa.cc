#include "server/actions/pool_mfa.h"

#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"

namespace cognito::actions {

namespace {

constexpr const char* kDefaultSmsText = "Your authentication code is {####}. ";
constexpr const char* kDefaultEmailText = "Your authentication code is {####}";

bool IsOff(const std::string& mode) { return mode != "ON" && mode != "OPTIONAL"; }

Json Hidden(const Json& doc) {
  auto it = doc.find(kPoolMfaMember);
  return it != doc.end() && it->is_object() ? *it : Json::object();
}

bool Flag(const Json& hidden, const char* key) {
  auto it = hidden.find(key);
  return it != hidden.end() && it->is_boolean() && it->get<bool>();
}

bool AnyMethod(const Json& hidden) {
  return Flag(hidden, "SmsEnabled") || Flag(hidden, "SoftwareTokenEnabled") ||
         hidden.contains("EmailMfaConfiguration");
}

void TurnOffMethods(Json& hidden) {
  hidden["SmsEnabled"] = false;
  hidden["SoftwareTokenEnabled"] = false;
  hidden.erase("EmailMfaConfiguration");
}

}  // namespace

std::vector<auth::MfaMethod> PoolMfa::Methods() const {
  std::vector<auth::MfaMethod> methods;
  if (IsOff(mode)) {
    return methods;
  }
  if (sms) {
    methods.push_back(auth::MfaMethod::kSms);
  }
  if (totp) {
    methods.push_back(auth::MfaMethod::kTotp);
  }
  if (email) {
    methods.push_back(auth::MfaMethod::kEmail);
  }
  return methods;
}

PoolMfa ParsePoolMfa(const Json& doc) {
  const Json hidden = Hidden(doc);
  PoolMfa mfa;
  mfa.mode = doc.value("MfaConfiguration", std::string("OFF"));
  mfa.sms = Flag(hidden, "SmsEnabled");
  mfa.totp = Flag(hidden, "SoftwareTokenEnabled");
  mfa.email = hidden.contains("EmailMfaConfiguration");
  return mfa;
}

void ApplyPoolMfaRules(Json& doc, const Json* previous) {
  Json hidden = previous != nullptr ? Hidden(*previous) : Json::object();
  if (IsOff(doc.value("MfaConfiguration", std::string("OFF")))) {
    TurnOffMethods(hidden);
  } else {
    if (!AnyMethod(hidden) && doc.contains("SmsConfiguration")) {
      hidden["SmsEnabled"] = true;
    }
    if (!AnyMethod(hidden)) {
      throw CognitoError::InvalidParameter(
          "SMS configuration and Auto verification for phone_number are required when MFA is "
          "required/optional");
    }
  }
  doc[kPoolMfaMember] = std::move(hidden);
}

Json WithMfaConfig(const Json& current, const Json& input) {
  Json doc = current;
  Json hidden = Hidden(current);
  const std::string mode =
      OptStr(input, "MfaConfiguration").value_or(current.value("MfaConfiguration", "OFF"));
  const Json* sms = OptMember(input, "SmsMfaConfiguration");
  const Json* totp = OptMember(input, "SoftwareTokenMfaConfiguration");
  const Json* email = OptMember(input, "EmailMfaConfiguration");
  const bool totp_on = totp != nullptr && OptBool(*totp, "Enabled").value_or(false);
  TurnOffMethods(hidden);
  hidden["SmsEnabled"] = sms != nullptr;
  hidden["SoftwareTokenEnabled"] = totp_on;
  if (email != nullptr) {
    hidden["EmailMfaConfiguration"] = WithoutNulls(*email);
  }
  if (const Json* webauthn = OptMember(input, "WebAuthnConfiguration")) {
    hidden["WebAuthnConfiguration"] = WithoutNulls(*webauthn);
  }
  if (IsOff(mode) && AnyMethod(hidden)) {
    throw CognitoError::InvalidParameter(
        "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
  }
  if (!IsOff(mode) && !AnyMethod(hidden)) {
    throw CognitoError::InvalidParameter(
        "Invalid MFA configuration given, can't disable all MFAs with a required or optional "
        "configuration.");
  }
  if (sms != nullptr) {
    if (const Json* config = OptMember(*sms, "SmsConfiguration")) {
      doc["SmsConfiguration"] = WithoutNulls(*config);
    }
    if (auto text = OptStr(*sms, "SmsAuthenticationMessage")) {
      doc["SmsAuthenticationMessage"] = *text;
    }
  }
  doc["MfaConfiguration"] = mode;
  doc[kPoolMfaMember] = std::move(hidden);
  return doc;
}

Json MfaConfigAnswer(const Json& doc) {
  const Json hidden = Hidden(doc);
  const PoolMfa mfa = ParsePoolMfa(doc);
  Json out{{"MfaConfiguration", mfa.mode},
           {"SoftwareTokenMfaConfiguration", {{"Enabled", mfa.totp}}}};
  if (mfa.sms) {
    Json sms = Json::object();
    if (doc.contains("SmsAuthenticationMessage")) {
      sms["SmsAuthenticationMessage"] = doc["SmsAuthenticationMessage"];
    }
    if (doc.contains("SmsConfiguration")) {
      sms["SmsConfiguration"] = doc["SmsConfiguration"];
    }
    out["SmsMfaConfiguration"] = std::move(sms);
  }
  if (mfa.email) {
    out["EmailMfaConfiguration"] = hidden["EmailMfaConfiguration"];
  }
  if (hidden.contains("WebAuthnConfiguration")) {
    out["WebAuthnConfiguration"] = hidden["WebAuthnConfiguration"];
  }
  return out;
}

std::string SmsMfaTemplate(const Json& doc) {
  return doc.value("SmsAuthenticationMessage", std::string(kDefaultSmsText));
}

std::string EmailMfaTemplate(const Json& doc) {
  const Json hidden = Hidden(doc);
  std::string text = kDefaultEmailText;
  if (auto it = hidden.find("EmailMfaConfiguration"); it != hidden.end()) {
    text = it->value("Message", text);
  }
  return text;
}

}  // namespace cognito::actions
