// The stored app-client document: the UserPoolClientType the API returns, minus the fields kept
// in ClientRecord columns (UserPoolId, ClientName, ClientId, ClientSecret, dates). Pure functions
// over JSON values, safe from any thread. The builder takes a request already checked by the
// model validator and throws CognitoError for the rules the model cannot express.
#pragma once

#include <cstdint>
#include <string>

#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

// Which operation builds the document; it only changes the wording of error messages.
enum class ClientOperation { kCreate, kUpdate };

// The document Create/UpdateUserPoolClient stores: every settable member of the request echoed
// (nulls dropped) and Cognito's defaults for the members not given. Checks token validities
// against their ranges, that ExplicitAuthFlows does not mix legacy and ALLOW_* values, and that
// Read/WriteAttributes name attributes of `pool_document`'s schema.
Json NewClientDocument(const Json& input, const Json& pool_document, ClientOperation operation);

// The UserPoolClientType for Create/Describe: the stored document plus the record's columns.
Json ClientDescription(const storage::ClientRecord& client);

// Token lifetimes in seconds derived from a stored document (validity value x unit, with
// Cognito's defaults: access and ID tokens 1 hour, refresh tokens 30 days).
struct TokenLifetimes {
  int64_t access_seconds = 3600;
  int64_t id_seconds = 3600;
  int64_t refresh_seconds = 30LL * 24 * 3600;
};
TokenLifetimes ClientTokenLifetimes(const Json& client_document);

// Seconds in one `unit` ("seconds", "minutes", "hours", "days"; anything else counts as hours).
int64_t UnitSeconds(const std::string& unit);

// True for the pre-2019 ExplicitAuthFlows values without the ALLOW_ prefix.
bool IsLegacyAuthFlow(const std::string& flow);

}  // namespace cognito::actions
