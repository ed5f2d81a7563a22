#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/user_pool_domains.h"

namespace cognito::actions {

// Changes the ManagedLoginVersion and, for a custom domain, its CustomDomainConfig.
Json UpdateUserPoolDomain(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  auto settings = DomainOf(pool);
  if (!settings || settings->value("Domain", "") != Str(input, "Domain")) {
    throw CognitoError::InvalidParameter("The domain " + Str(input, "Domain") +
                                         " is not the domain of user pool " + pool.id + ".");
  }
  if (const auto version = OptInt(input, "ManagedLoginVersion")) {
    (*settings)["ManagedLoginVersion"] = *version;
  }
  if (const Json* custom = OptMember(input, "CustomDomainConfig")) {
    if (!settings->contains("CustomDomainConfig")) {
      throw CognitoError::InvalidParameter("CustomDomainConfig applies to custom domains only.");
    }
    (*settings)["CustomDomainConfig"] = *custom;
  }
  SetDomain(ctx, pool, *settings);
  return DomainAnswer(*settings);
}

}  // namespace cognito::actions
