// A user's MFA settings (storage user_mfa): what GetUser / AdminGetUser report, what
// (Admin)SetUserMFAPreference and the legacy (Admin)SetUserSettings change, and the facts the
// sign-in state machine needs. Functions take the request's Context; writes go through
// ctx.Write. Messages Cognito's documentation does not give are the emulator's own (see
// docs/feature-matrix.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/challenge.h"
#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

// The stored settings, or all-off settings for the user when none are stored.
storage::UserMfaRecord LoadUserMfa(Context& ctx, const storage::UserRecord& user);

// Enabled methods in the stable order SMS, TOTP, email.
std::vector<auth::MfaMethod> EnabledMfaMethods(const storage::UserMfaRecord& mfa);
// The preferred method, if it is also enabled.
std::optional<auth::MfaMethod> PreferredMfaMethod(const storage::UserMfaRecord& mfa);

// Adds UserMFASettingList and PreferredMfaSetting (when there is something to report) and, for
// SMS MFA, the legacy MFAOptions [{"DeliveryMedium":"SMS","AttributeName":"phone_number"}].
void AddMfaMembers(const storage::UserMfaRecord& mfa, Json& out);

// (Admin)SetUserMFAPreference: applies SMSMfaSettings, SoftwareTokenMfaSettings and
// EmailMfaSettings (absent ones leave that method as it is) and stores the result. Enabling
// needs the means: a verified software token ("User has not set up software token mfa"), a
// phone_number or an email ("User does not have delivery config set to turn on <METHOD>").
// At most one method may be preferred, and only an enabled one.
void ApplyMfaPreference(Context& ctx, const storage::UserRecord& user, const Json& input);

// (Admin)SetUserSettings: an MFAOptions list naming SMS (the only medium this legacy call
// supports) turns SMS MFA on, an empty list turns it off.
void ApplyMfaOptions(Context& ctx, const storage::UserRecord& user, const Json& input);

// The value of the user's attribute, "" when absent.
std::string AttributeValue(const storage::UserRecord& user, const std::string& name);
// Cognito's masked destinations: "+*******1234" (all but the last four digits) and "j***@e***".
std::string MaskPhone(const std::string& phone);
std::string MaskEmail(const std::string& email);

}  // namespace cognito::actions
