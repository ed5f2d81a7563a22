#include "server/actions/actions.h"
#include "server/actions/fields.h"
#include "server/actions/user_pool_domains.h"

namespace cognito::actions {

// An unknown domain answers an empty DomainDescription, as Cognito does.
Json DescribeUserPoolDomain(Context& ctx, const Json& input) {
  const std::string domain = Str(input, "Domain");
  const auto pool = PoolWithDomain(ctx, domain);
  if (!pool) {
    return Json{{"DomainDescription", Json::object()}};
  }
  const Json settings = *DomainOf(*pool);
  Json description{{"UserPoolId", pool->id},
                   {"AWSAccountId", "123456789012"},
                   {"Domain", domain},
                   {"Status", "ACTIVE"},
                   {"Version", "1"},
                   {"ManagedLoginVersion", settings.value("ManagedLoginVersion", 1)}};
  if (settings.contains("CustomDomainConfig")) {
    description["CustomDomainConfig"] = settings["CustomDomainConfig"];
    description["CloudFrontDistribution"] = DomainAnswer(settings)["CloudFrontDomain"];
  }
  return Json{{"DomainDescription", description}};
}

}  // namespace cognito::actions
