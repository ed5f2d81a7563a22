// The UserMigration trigger: when a password sign-in or ForgotPassword names a user the pool does
// not have, the pool's function may supply the user from an older directory; Cognito then
// creates the user and carries on as though it had always existed.
#pragma once

#include <optional>
#include <string>

#include "server/actions/context.h"
#include "server/actions/settings.h"
#include "storage/records.h"

namespace cognito::actions {

struct MigrationCall {
  const char* source;  // UserMigration_Authentication or UserMigration_ForgotPassword
  std::string username;
  std::string client_id;
  bool prevent_user_existence_errors = false;
  Json client_metadata = Json::object();
  // The password the user signed in with (Authentication only). The migrated user gets it.
  std::optional<std::string> password;
};

// Runs the trigger and queues the new user's insert through ctx.Write; nullopt when the pool
// configures no UserMigration function. The user is CONFIRMED with `password`, or
// RESET_REQUIRED (always so in ForgotPassword). An answer Cognito cannot use (no
// userAttributes, unknown attributes, a missing required attribute, a bad finalUserStatus /
// messageAction / desiredDeliveryMediums) is UserNotFoundException "Exception migrating user in
// app client <client id>" (NotAuthorizedException "Incorrect username or password." when the
// client prevents user existence errors).
std::optional<storage::UserRecord> MigrateUser(Context& ctx, const storage::PoolRecord& pool,
                                               const PoolSettings& settings,
                                               const MigrationCall& call);

}  // namespace cognito::actions
