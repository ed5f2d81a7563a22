#include "server/actions/user_codes.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "auth/crypto.h"
#include "server/actions/custom_message.h"
#include "server/actions/outbox.h"
#include "server/actions/pool_document.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr int64_t kSignUpValidityMs = 24LL * 3600 * 1000;
constexpr int64_t kPasswordValidityMs = 3600LL * 1000;
constexpr size_t kSaltBytes = 16;
constexpr const char* kDefaultText = "Your verification code is {####}. ";

const char* PurposeName(CodePurpose purpose) {
  return purpose == CodePurpose::kSignUp ? "signup" : "password";
}

bool IsTrue(const storage::UserRecord& user, const std::string& name) {
  return AttributeValue(user, name) == "true";
}

std::optional<Delivery> Has(const storage::UserRecord& user, const std::string& attribute) {
  std::string value = AttributeValue(user, attribute);
  if (value.empty()) {
    return std::nullopt;
  }
  return Delivery{attribute, std::move(value)};
}

// The pool's verification message template for the medium.
std::string VerificationTemplate(const storage::PoolRecord& pool, bool sms) {
  const Json doc = ParseStoredDocument(pool.description_json);
  std::string text = kDefaultText;
  if (auto it = doc.find("VerificationMessageTemplate"); it != doc.end() && it->is_object()) {
    text = it->value(sms ? "SmsMessage" : "EmailMessage", text);
  }
  return text;
}

bool Matches(const std::string& salt, const std::string& hash, const std::string& code) {
  return !salt.empty() && auth::ConstantTimeEquals(auth::HmacSha256(salt, code), hash);
}

std::string MaskEmailWithDomain(const std::string& email) {
  const size_t at = email.find('@');
  const size_t dot = email.rfind('.');
  std::string masked = MaskEmail(email);
  if (at != std::string::npos && dot != std::string::npos && dot > at + 1) {
    masked += email.substr(dot);
  }
  return masked;
}

}  // namespace

std::optional<Delivery> SignUpDelivery(const PoolSettings& settings,
                                       const storage::UserRecord& user) {
  for (const char* attribute : {"phone_number", "email"}) {
    for (const auto& verified : settings.auto_verified_attributes) {
      if (verified == attribute) {
        if (auto delivery = Has(user, attribute)) {
          return delivery;
        }
      }
    }
  }
  return std::nullopt;
}

std::optional<Delivery> RecoveryDelivery(const storage::PoolRecord& pool,
                                         const storage::UserRecord& user) {
  std::vector<std::string> order = {"verified_phone_number", "verified_email"};
  const Json doc = ParseStoredDocument(pool.description_json);
  if (auto it = doc.find("AccountRecoverySetting"); it != doc.end() && it->is_object()) {
    std::vector<std::pair<int64_t, std::string>> ranked;
    for (const auto& m : it->value("RecoveryMechanisms", Json::array())) {
      ranked.emplace_back(m.value("Priority", int64_t{0}), m.value("Name", ""));
    }
    std::sort(ranked.begin(), ranked.end());
    order.clear();
    for (auto& [priority, name] : ranked) {
      order.push_back(std::move(name));
    }
  }
  for (const auto& name : order) {
    if (name == "admin_only") {
      throw CognitoError::NotAuthorized("Contact administrator to reset password.");
    }
    const std::string attribute = name == "verified_email" ? "email" : "phone_number";
    if (IsTrue(user, attribute + "_verified")) {
      if (auto delivery = Has(user, attribute)) {
        return delivery;
      }
    }
  }
  return std::nullopt;
}

Json DeliveryDetails(const Delivery& d) {
  const bool sms = d.attribute == "phone_number";
  return Json{{"Destination", sms ? MaskPhone(d.destination) : MaskEmailWithDomain(d.destination)},
              {"DeliveryMedium", sms ? "SMS" : "EMAIL"},
              {"AttributeName", d.attribute}};
}

Json SimulatedDeliveryDetails(const std::string& username) {
  if (LooksLikePhone(username)) {
    return DeliveryDetails({"phone_number", username});
  }
  if (LooksLikeEmail(username)) {
    return DeliveryDetails({"email", username});
  }
  return DeliveryDetails({"email", username.substr(0, 1) + "@example.com"});
}

namespace {

std::string AttributePurpose(const std::string& attribute) { return "verify:" + attribute; }

Json IssueNamedCode(Context& ctx, const storage::PoolRecord& pool, const storage::UserRecord& user,
                    const std::string& purpose, int64_t validity, const Delivery& delivery,
                    const std::string& stored_attribute, const MessageOrigin& origin) {
  const std::string code = NewCode(ctx);
  storage::UserCodeRecord record;
  record.pool_id = user.pool_id;
  record.username = user.username;
  record.purpose = purpose;
  if (auto previous = ctx.store.GetUserCode(user.pool_id, user.username, record.purpose)) {
    record.previous_salt = std::move(previous->salt);
    record.previous_hash = std::move(previous->hash);
  }
  record.attribute = stored_attribute;
  record.salt = ctx.env.random.Bytes(kSaltBytes);
  record.hash = auth::HmacSha256(record.salt, code);
  record.expires_ms = ctx.env.clock.NowMillis() + validity;
  ctx.Write([record](storage::Store& store) { store.PutUserCode(record); });
  const bool sms = delivery.attribute == "phone_number";
  const std::string text =
      ComposeMessage(ctx, pool, user, origin, sms, {VerificationTemplate(pool, sms), code, ""});
  SendMessage(ctx, {pool.id, user.username, sms ? "SMS" : "EMAIL", delivery.destination,
                    record.purpose, code, text, validity});
  return DeliveryDetails(delivery);
}

std::string ConsumeNamedCode(Context& ctx, const storage::UserRecord& user,
                             const std::string& purpose, const std::string& code) {
  auto record = ctx.store.GetUserCode(user.pool_id, user.username, purpose);
  if (!record) {
    throw CognitoError(ErrorCode::kExpiredCode,
                       "Invalid code provided, please request a code again.");
  }
  if (record->attempts >= kMaxCodeAttempts) {
    throw CognitoError(ErrorCode::kLimitExceeded,
                       "Attempt limit exceeded, please try after some time.");
  }
  const bool current = Matches(record->salt, record->hash, code);
  if (!current && Matches(record->previous_salt, record->previous_hash, code)) {
    throw CognitoError(ErrorCode::kExpiredCode,
                       "Invalid code provided, please request a code again.");
  }
  if (!current) {
    record->attempts += 1;
    ctx.Write([r = *record](storage::Store& store) { store.PutUserCode(r); });
    ctx.commit_on_error = true;
    throw VerificationCodeMismatch();
  }
  if (ctx.env.clock.NowMillis() > record->expires_ms) {
    throw CognitoError(ErrorCode::kExpiredCode,
                       "Invalid code provided, please request a code again.");
  }
  ctx.Write([pool = user.pool_id, name = user.username, purpose](storage::Store& s) {
    s.DeleteUserCode(pool, name, purpose);
  });
  return record->attribute;
}

}  // namespace

Json IssueCode(Context& ctx, const storage::PoolRecord& pool, const storage::UserRecord& user,
               CodePurpose purpose, const Delivery& delivery, const MessageOrigin& origin) {
  const int64_t validity =
      purpose == CodePurpose::kSignUp ? kSignUpValidityMs : kPasswordValidityMs;
  return IssueNamedCode(ctx, pool, user, PurposeName(purpose), validity, delivery,
                        delivery.attribute, origin);
}

std::string ConsumeCode(Context& ctx, const storage::UserRecord& user, CodePurpose purpose,
                        const std::string& code) {
  return ConsumeNamedCode(ctx, user, PurposeName(purpose), code);
}

Json IssueAttributeCode(Context& ctx, const storage::PoolRecord& pool,
                        const storage::UserRecord& user, const Delivery& delivery,
                        bool pending, const MessageOrigin& origin) {
  const std::string stored =
      pending ? delivery.attribute + "=" + delivery.destination : delivery.attribute;
  return IssueNamedCode(ctx, pool, user, AttributePurpose(delivery.attribute),
                        kSignUpValidityMs, delivery, stored, origin);
}

std::optional<std::string> PendingAttributeValue(Context& ctx, const storage::UserRecord& user,
                                                 const std::string& attribute) {
  auto record = ctx.store.GetUserCode(user.pool_id, user.username, AttributePurpose(attribute));
  if (!record) {
    return std::nullopt;
  }
  const size_t eq = record->attribute.find('=');
  if (eq == std::string::npos) {
    return std::nullopt;
  }
  return record->attribute.substr(eq + 1);
}

std::optional<std::string> ConsumeAttributeCode(Context& ctx, const storage::UserRecord& user,
                                                const std::string& attribute,
                                                const std::string& code) {
  const std::string stored = ConsumeNamedCode(ctx, user, AttributePurpose(attribute), code);
  const size_t eq = stored.find('=');
  if (eq == std::string::npos) {
    return std::nullopt;
  }
  return stored.substr(eq + 1);
}

void DropAttributeCode(Context& ctx, const storage::UserRecord& user,
                       const std::string& attribute) {
  ctx.Write([pool = user.pool_id, name = user.username,
             p = AttributePurpose(attribute)](storage::Store& s) { s.DeleteUserCode(pool, name, p); });
}

void DropCode(Context& ctx, const storage::UserRecord& user, CodePurpose purpose) {
  ctx.Write([pool = user.pool_id, name = user.username,
             p = PurposeName(purpose)](storage::Store& s) { s.DeleteUserCode(pool, name, p); });
}

CognitoError VerificationCodeMismatch() {
  return {ErrorCode::kCodeMismatch, "Invalid verification code provided, please try again."};
}

}  // namespace cognito::actions
