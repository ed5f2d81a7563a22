// Message texts and the CustomMessage trigger. Every message Cognito "sends" (codes,
// invitations) starts from a template with the placeholders {####} (the code or temporary
// password) and, in invitations, {username}. When the pool configures a CustomMessage function,
// it may replace the template: its smsMessage / emailMessage is used when it is a string that
// keeps the placeholders the message needs; otherwise the template stays. A pool with a
// CustomSMSSender / CustomEmailSender function has that function called instead (after the
// action commits), with the code in plain text; the outbox still records the message.
#pragma once

#include <string>

#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

inline constexpr const char* kCodePlaceholder = "{####}";
inline constexpr const char* kUsernamePlaceholder = "{username}";

// Why a message is sent: the CustomMessage triggerSource (CustomMessage_SignUp, _ResendCode,
// _ForgotPassword, _UpdateUserAttribute, _VerifyUserAttribute, _Authentication,
// _AdminCreateUser), the app client (CLIENT_ID_NOT_APPLICABLE for admin actions) and the
// request's ClientMetadata.
struct MessageOrigin {
  std::string source;
  std::string client_id;
  Json client_metadata = Json::object();
};

struct MessageText {
  std::string text;  // the template, placeholders unfilled
  std::string code;
  std::string username;  // fills {username}; empty when the message has none (not an invitation)
};

// The final text of a message to `user` over SMS (`sms`) or email: the CustomMessage answer or
// the template, with every placeholder filled in. A failing function is
// UserLambdaValidationException, as for every trigger.
std::string ComposeMessage(Context& ctx, const storage::PoolRecord& pool,
                           const storage::UserRecord& user, const MessageOrigin& origin, bool sms,
                           const MessageText& message);

}  // namespace cognito::actions
