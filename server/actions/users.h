// Shared user logic: lookups with Cognito's errors, the UserType documents, attribute checks
// and password setting (passwords are stored only as SRP verifiers).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/actions/context.h"
#include "server/actions/settings.h"
#include "storage/records.h"

namespace cognito::actions {

// The user by username (case handling per pool), or by a UsernameAttributes value
// (email / phone_number) in pools that sign in with those.
std::optional<storage::UserRecord> FindUser(Context& ctx, const storage::PoolRecord& pool,
                                            const PoolSettings& settings,
                                            const std::string& username);
// As FindUser; throws UserNotFoundException "User does not exist." when absent.
storage::UserRecord RequireUser(Context& ctx, const storage::PoolRecord& pool,
                                const PoolSettings& settings, const std::string& username);

// [{"Name","Value"}...] with `sub` first. `only` (when non-empty) restricts the names listed.
Json AttributeList(const storage::UserRecord& user, const std::vector<std::string>& only = {});
// The UserType document (AdminCreateUser, ListUsers); attributes under "Attributes".
Json UserDocument(const storage::UserRecord& user, const std::vector<std::string>& only = {});

// Parses an AttributeListType member into name/value pairs, checking each name against the
// pool schema and each value against its String length / Number range constraints. Throws
// InvalidParameterException "Attributes did not conform to the schema: ..." as Cognito does.
std::vector<storage::Attribute> ParseAttributes(const storage::PoolRecord& pool, const Json* list);

// Required schema attributes (other than sub) the user has no value for, in schema order.
std::vector<std::string> MissingRequiredAttributes(const storage::PoolRecord& pool,
                                                   const storage::UserRecord& user);

// What a user (SignUp, UpdateUserAttributes, DeleteUserAttributes; not the admin actions) may
// write through `client`: not email_verified / phone_number_verified, not developer-only
// (dev:*) attributes, and only the client's WriteAttributes when it lists them. Otherwise
// NotAuthorizedException "A client attempted to write unauthorized attribute".
void CheckClientMayWrite(const ClientSettings& client, const std::string& name);

// InvalidParameterException "Attributes did not conform to the schema: <name>: The attribute is
// required\n..." naming every missing required attribute (SignUp).
void CheckRequiredAttributes(const storage::PoolRecord& pool, const storage::UserRecord& user);

bool LooksLikeEmail(const std::string& s);
bool LooksLikePhone(const std::string& s);
// Sets user.username from the given Username: as given, or, in pools that sign in with email or
// phone (UsernameAttributes), the sub, with the given value stored as that attribute
// (InvalidParameterException when it is neither an email nor a phone number).
void ApplyUsernameAttributes(const PoolSettings& settings, storage::UserRecord& user,
                             const std::string& given);
// Sets (or adds) the attribute `name`.
void SetAttribute(storage::UserRecord& user, const std::string& name, const std::string& value);

// A verified alias value another user holds: `username`'s `attribute` ("email" /
// "phone_number").
struct AliasHolder {
  std::string username;
  std::string attribute;
};
// The other users holding verified the user's verified email / phone_number, for the attributes
// the pool has in AliasAttributes. Unless `force` (ForceAliasCreation), any such holder is
// AliasExistsException "An account with the given <attribute> already exists.".
std::vector<AliasHolder> VerifiedAliasHolders(Context& ctx, const storage::PoolRecord& pool,
                                              const PoolSettings& settings,
                                              const storage::UserRecord& user, bool force);
// Takes the alias from each holder (its attribute becomes unverified); for use inside a write.
void ReleaseAliases(storage::Store& store, const std::string& pool_id,
                    const std::vector<AliasHolder>& holders);

// The pool name used in SRP and verifiers: the part of the pool id after '_'.
std::string SrpPoolName(const std::string& pool_id);
// Checks `password` against the pool policy (InvalidPasswordException with `prefix`, e.g.
// "Password does not conform to policy: ") and stores a fresh verifier in `user`.
void SetPassword(Context& ctx, const PoolSettings& settings, storage::UserRecord& user,
                 const std::string& password, const std::string& prefix);
// The user's password as `user` holds it, else as stored (user reads leave it unset).
storage::UserPassword PasswordOf(Context& ctx, const storage::UserRecord& user);
bool PasswordMatches(Context& ctx, const storage::UserRecord& user, const std::string& password);

}  // namespace cognito::actions
