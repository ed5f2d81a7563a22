#include "server/actions/custom_message.h"

#include "server/actions/settings.h"
#include "server/actions/triggers.h"

namespace cognito::actions {

namespace {

// Fills every placeholder in one pass, so a value that looks like a placeholder stays as it is.
std::string Fill(const std::string& text, const MessageText& message) {
  const std::string code = kCodePlaceholder;
  const std::string username = kUsernamePlaceholder;
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    if (text.compare(at, code.size(), code) == 0) {
      out += message.code;
      at += code.size();
    } else if (!message.username.empty() && text.compare(at, username.size(), username) == 0) {
      out += message.username;
      at += username.size();
    } else {
      out += text[at++];
    }
  }
  return out;
}

bool Keeps(const std::string& text, const MessageText& message) {
  return text.find(kCodePlaceholder) != std::string::npos &&
         (message.username.empty() || text.find(kUsernamePlaceholder) != std::string::npos);
}

// The custom sender's event: Cognito's encrypts `code` with the pool's KMS key; there is no KMS
// here, so the code travels in plain text.
void RunCustomSender(Context& ctx, const storage::PoolRecord& pool, const PoolSettings& settings,
                     const storage::UserRecord& user, const MessageOrigin& origin, bool sms,
                     const MessageText& message) {
  const std::string name(TriggerName(sms ? Trigger::kCustomSmsSender : Trigger::kCustomEmailSender));
  const std::string event = origin.source.substr(origin.source.find('_'));  // "_SignUp"
  RunTriggerAfterCommit(
      ctx, pool, settings,
      {sms ? Trigger::kCustomSmsSender : Trigger::kCustomEmailSender,
       name + event,
       user.username,
       origin.client_id,
       {{"type", sms ? "customSmsSenderRequestV1" : "customEmailSenderRequestV1"},
        {"code", message.code},
        {"clientMetadata", origin.client_metadata},
        {"userAttributes", TriggerUserAttributes(user)}}});
}

}  // namespace

std::string ComposeMessage(Context& ctx, const storage::PoolRecord& pool,
                           const storage::UserRecord& user, const MessageOrigin& origin, bool sms,
                           const MessageText& message) {
  std::string text = message.text;
  const PoolSettings settings = ParsePoolSettings(pool);
  if (HasTrigger(settings, sms ? Trigger::kCustomSmsSender : Trigger::kCustomEmailSender)) {
    // The sender writes its own message: CustomMessage is not asked.
    RunCustomSender(ctx, pool, settings, user, origin, sms, message);
  } else if (HasTrigger(settings, Trigger::kCustomMessage)) {
    const Json username_parameter =
        message.username.empty() ? Json(nullptr) : Json(kUsernamePlaceholder);
    const auto response = RunTrigger(
        ctx.env, pool, settings,
        {Trigger::kCustomMessage,
         origin.source,
         user.username,
         origin.client_id,
         {{"userAttributes", TriggerUserAttributes(user)},
          {"codeParameter", kCodePlaceholder},
          {"usernameParameter", username_parameter},
          {"linkParameter", nullptr},
          {"clientMetadata", origin.client_metadata}},
         {{"smsMessage", nullptr}, {"emailMessage", nullptr}, {"emailSubject", nullptr}}});
    const std::string custom = ResponseString(*response, sms ? "smsMessage" : "emailMessage");
    ResponseString(*response, "emailSubject");  // checked, but the outbox keeps no subject
    if (Keeps(custom, message)) {
      text = custom;
    }
  }
  return Fill(text, message);
}

}  // namespace cognito::actions
