#include "server/actions/resource_servers.h"

#include <set>

#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"

namespace cognito::actions {

Json ResourceServerDocument(const storage::ResourceServerRecord& server) {
  return Json{{"UserPoolId", server.pool_id},
              {"Identifier", server.identifier},
              {"Name", server.name},
              {"Scopes", Json::parse(server.scopes_json, nullptr, false)}};
}

storage::ResourceServerRecord ResourceServerFromInput(const std::string& pool_id,
                                                      const Json& input) {
  Json scopes = Json::array();
  std::set<std::string> names;
  if (const Json* given = OptMember(input, "Scopes")) {
    for (const Json& scope : WithoutNulls(*given)) {
      const std::string name = scope.value("ScopeName", "");
      if (!names.insert(name).second) {
        throw CognitoError::InvalidParameter("Duplicate scope name " + name + ".");
      }
      scopes.push_back({{"ScopeName", name}, {"ScopeDescription", scope.value("ScopeDescription", "")}});
    }
  }
  return {pool_id, Str(input, "Identifier"), Str(input, "Name"), scopes.dump()};
}

storage::ResourceServerRecord RequireResourceServer(Context& ctx, const std::string& pool_id,
                                                    const std::string& identifier) {
  auto server = ctx.store.GetResourceServer(pool_id, identifier);
  if (!server) {
    throw CognitoError::ResourceNotFound("Resource server " + identifier +
                                         " does not exist in the user pool.");
  }
  return std::move(*server);
}

}  // namespace cognito::actions
