// A user pool's MFA configuration, kept in its stored document (the single source of truth).
// MfaConfiguration, SmsConfiguration and SmsAuthenticationMessage are UserPoolType members; which
// methods are enabled, and the email / WebAuthn settings, have no UserPoolType member and live in
// the hidden member kPoolMfaMember, which PoolDescription strips. Pure functions over JSON
// values, safe from any thread; rule violations throw CognitoError.
#pragma once

#include <string>
#include <vector>

#include "auth/challenge.h"
#include "server/actions/context.h"

namespace cognito::actions {

inline constexpr const char* kPoolMfaMember = "x-emulator:mfa";

struct PoolMfa {
  std::string mode = "OFF";  // MfaConfiguration: OFF | ON | OPTIONAL
  bool sms = false;          // SMS_MFA
  bool totp = false;         // SOFTWARE_TOKEN_MFA
  bool email = false;        // EMAIL_OTP
  // The enabled methods in the stable order SMS, TOTP, email; empty when mode is OFF.
  std::vector<auth::MfaMethod> Methods() const;
};

PoolMfa ParsePoolMfa(const Json& doc);

// CreateUserPool (previous == nullptr) and UpdateUserPool (previous = the stored document) on a
// freshly built document: MfaConfiguration OFF disables every method; ON / OPTIONAL keeps the
// methods enabled before and, when none would be, enables SMS if the document has an
// SmsConfiguration. A pool left ON / OPTIONAL without any method is refused as Cognito refuses it
// ("SMS configuration and Auto verification for phone_number are required when MFA is
// required/optional"; only SmsConfiguration is checked).
void ApplyPoolMfaRules(Json& doc, const Json* previous);

// The document after a SetUserPoolMfaConfig request. Absent method configurations mean "off"
// (as in Cognito); an absent MfaConfiguration keeps the current one. Refuses OFF with a method
// and ON / OPTIONAL without one, with Cognito's messages.
Json WithMfaConfig(const Json& doc, const Json& input);

// The GetUserPoolMfaConfig / SetUserPoolMfaConfig answer for a stored document.
Json MfaConfigAnswer(const Json& doc);

// The SMS and email templates of an MFA code ("{####}" stands for the code).
std::string SmsMfaTemplate(const Json& doc);
std::string EmailMfaTemplate(const Json& doc);

}  // namespace cognito::actions
