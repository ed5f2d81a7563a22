#include "server/actions/actions.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/settings.h"
#include "server/actions/user_pool_domains.h"

namespace cognito::actions {

Json DeleteUserPoolDomain(Context& ctx, const Json& input) {
  const auto& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const auto settings = DomainOf(pool);
  if (!settings || settings->value("Domain", "") != Str(input, "Domain")) {
    throw CognitoError::InvalidParameter("The domain " + Str(input, "Domain") +
                                         " is not the domain of user pool " + pool.id + ".");
  }
  SetDomain(ctx, pool, nullptr);
  return Json::object();
}

}  // namespace cognito::actions
