// The stored user-pool document: the UserPoolType the API returns, minus the fields computed at
// read time (Id, Name, Arn, dates, EstimatedNumberOfUsers). These are pure functions over JSON
// values (no store access, no shared state), safe to call from any thread. Builders take a
// request already checked by the model validator and throw CognitoError for rules the model
// cannot express (AliasAttributes with UsernameAttributes, invalid Schema entries).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

// The document CreateUserPool stores: every settable member of the request echoed (nulls
// dropped), Cognito's defaults for the members not given, and SchemaAttributes = the standard
// attributes merged with the request's Schema.
Json NewPoolDocument(const Json& input);

// The document after UpdateUserPool: rebuilt from the request with defaults for every member not
// given (Cognito's documented behaviour), except that SchemaAttributes, UsernameAttributes,
// AliasAttributes and UsernameConfiguration are immutable and come from `current`, and
// UserPoolTier keeps its current value when not given.
Json UpdatedPoolDocument(const Json& current, const Json& input);

// The document after AddCustomAttributes: each given SchemaAttributeType appended as
// "custom:<Name>" (or "dev:custom:<Name>" when DeveloperOnlyAttribute). InvalidParameterException
// for a name the schema has, a Required one, a missing AttributeDataType, bad constraints, or
// more than 50 custom attributes in all.
Json WithCustomAttributes(const Json& current, const Json& custom_attributes);

// The hidden member holding the pool's domain settings (the domain actions); the visible
// `Domain` / `CustomDomain` members name the domain, as in UserPoolType.
inline constexpr const char* kPoolDomainMember = "x-emulator:domain";

// The UserPoolType for DescribeUserPool / CreateUserPool: the stored document plus the computed
// members.
Json PoolDescription(const storage::PoolRecord& pool, int64_t estimated_users);

// "arn:aws:cognito-idp:<region>:123456789012:userpool/<id>", region taken from the id prefix.
std::string PoolArn(const std::string& pool_id);

// Every attribute name of the pool's SchemaAttributes, as returned ("email", "custom:x", ...).
std::vector<std::string> SchemaAttributeNames(const Json& pool_document);

// Parses a stored description_json; a corrupt document is an internal error (std::runtime_error).
Json ParseStoredDocument(const std::string& text);

// Opaque NextToken of the list actions: `kind` ("pools", "clients") and the last id returned.
std::string EncodePageToken(const std::string& kind, const std::string& last_id);
// The last id inside a token of `kind`; InvalidParameterException when it is not such a token.
std::string DecodePageToken(const std::string& kind, const std::string& token);

// A copy of `value` with every null member and null array element removed, recursively.
Json WithoutNulls(const Json& value);

}  // namespace cognito::actions
