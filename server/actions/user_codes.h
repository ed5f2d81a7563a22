// Confirmation codes of the user lifecycle (tokens.md §10): sign-up codes (valid 24 h) and
// forgot-password codes (valid 1 h). A code is 6 digits (or --fixed-code), "sent" to the outbox,
// and stored only as an HMAC with a random salt (storage user_codes), one per user and purpose:
// a new code supersedes the previous one. Codes are compared in constant time, used once, and
// after kMaxCodeAttempts wrong answers refused until a new code is requested.
// Functions take the request's Context (one request, one thread).
#pragma once

#include <optional>
#include <string>

#include "server/actions/context.h"
#include "server/actions/custom_message.h"
#include "server/actions/error.h"
#include "server/actions/settings.h"
#include "storage/records.h"

namespace cognito::actions {

inline constexpr int kMaxCodeAttempts = 5;

enum class CodePurpose { kSignUp, kPassword };

// Where a code goes: the attribute ("email" / "phone_number") and its unmasked value.
struct Delivery {
  std::string attribute;
  std::string destination;
};

// Sign-up codes go to an auto-verified attribute the user has, phone_number first (as Cognito
// does when both are auto-verified); nullopt when there is none.
std::optional<Delivery> SignUpDelivery(const PoolSettings& settings,
                                       const storage::UserRecord& user);
// Password-recovery codes go to a verified email or phone_number, in the order of the pool's
// AccountRecoverySetting (default: phone_number first); nullopt when the user has none.
// An "admin_only" recovery setting answers NotAuthorizedException.
std::optional<Delivery> RecoveryDelivery(const storage::PoolRecord& pool,
                                         const storage::UserRecord& user);

// CodeDeliveryDetails {Destination (masked: "j***@e***.com", "+*******1234"), DeliveryMedium,
// AttributeName}.
Json DeliveryDetails(const Delivery& delivery);
// The details answered for a user who does not exist (PreventUserExistenceErrors ENABLED): the
// masked username when it is an email or phone number, else a masked email made from it.
Json SimulatedDeliveryDetails(const std::string& username);

// Makes a new code for `user` (superseding any previous one of the purpose), records it and
// sends it to the outbox (the text as the CustomMessage trigger, if any, makes it for
// `origin`); returns the CodeDeliveryDetails.
Json IssueCode(Context& ctx, const storage::PoolRecord& pool, const storage::UserRecord& user,
               CodePurpose purpose, const Delivery& delivery, const MessageOrigin& origin);

// Checks `code` against the user's pending code of `purpose` and removes it when it matches;
// returns the attribute it was sent to. Errors: no pending code, an expired or superseded code
// -> ExpiredCodeException; too many wrong answers -> LimitExceededException; a wrong code ->
// CodeMismatchException (the attempt is counted and committed despite the error).
std::string ConsumeCode(Context& ctx, const storage::UserRecord& user, CodePurpose purpose,
                        const std::string& code);
// Drops the user's pending code of `purpose`, if any.
void DropCode(Context& ctx, const storage::UserRecord& user, CodePurpose purpose);

// Attribute verification codes (GetUserAttributeVerificationCode, UpdateUserAttributes; valid
// 24 h), one per user and attribute ("email" / "phone_number"). With `pending`, the code
// verifies a new value (delivery.destination) not yet applied to the user: it is kept with the
// code and returned by ConsumeAttributeCode.
Json IssueAttributeCode(Context& ctx, const storage::PoolRecord& pool,
                        const storage::UserRecord& user, const Delivery& delivery, bool pending,
                        const MessageOrigin& origin);
// The pending value waiting for the attribute's code, if any.
std::optional<std::string> PendingAttributeValue(Context& ctx, const storage::UserRecord& user,
                                                 const std::string& attribute);
// As ConsumeCode for the attribute's code; returns its pending value, if it had one.
std::optional<std::string> ConsumeAttributeCode(Context& ctx, const storage::UserRecord& user,
                                                const std::string& attribute,
                                                const std::string& code);
void DropAttributeCode(Context& ctx, const storage::UserRecord& user, const std::string& attribute);

// The CodeMismatchException of the lifecycle codes (not the sign-in challenge one).
CognitoError VerificationCodeMismatch();

}  // namespace cognito::actions
