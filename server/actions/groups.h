// Shared pieces of the group actions: the GroupType document, lookups with Cognito's errors,
// and list pagination.
#pragma once

#include <string>

#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

Json GroupDocument(const storage::GroupRecord& group);
// Throws ResourceNotFoundException "Group not found." when absent.
storage::GroupRecord RequireGroup(Context& ctx, const std::string& pool_id, const std::string& name);
// Decodes a NextToken issued by EncodeNextToken (empty when absent); throws
// InvalidParameterException for anything else.
std::string DecodeNextToken(const Json& input);
std::string EncodeNextToken(const std::string& last);

}  // namespace cognito::actions
