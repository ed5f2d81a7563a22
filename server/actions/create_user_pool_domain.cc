#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/user_pool_domains.h"

namespace cognito::actions {

Json CreateUserPoolDomain(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const std::string domain = Str(input, "Domain");
  if (PoolWithDomain(ctx, domain)) {
    throw CognitoError::InvalidParameter("Domain already associated with another user pool.");
  }
  if (DomainOf(pool)) {
    throw CognitoError::InvalidParameter("User pool already has a domain configured.");
  }
  Json settings{{"Domain", domain},
                {"ManagedLoginVersion", OptInt(input, "ManagedLoginVersion").value_or(1)}};
  if (const Json* custom = OptMember(input, "CustomDomainConfig")) {
    settings["CustomDomainConfig"] = *custom;
  }
  SetDomain(ctx, pool, settings);
  return DomainAnswer(settings);
}

}  // namespace cognito::actions
