#include "server/actions/well_known.h"

#include <regex>

#include "server/actions/key_ring.h"
#include "server/actions/tokens.h"

namespace cognito::actions {

namespace {

ApiResponse JsonDocument(unsigned status, const Json& doc) {
  ApiResponse r;
  r.status = status;
  r.content_type = "application/json";
  // The pool id comes from the request path, which need not be UTF-8.
  r.body = doc.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Json Jwk(const auth::SigningKey& key) {
  // Json objects serialise alphabetically, which is the member order Cognito serves.
  return Json{{"alg", "RS256"}, {"e", key.ExponentBase64Url()}, {"kid", key.kid()},
              {"kty", "RSA"},   {"n", key.ModulusBase64Url()},  {"use", "sig"}};
}

Json OpenIdConfiguration(const std::string& issuer) {
  return Json{{"authorization_endpoint", issuer + "/oauth2/authorize"},
              {"id_token_signing_alg_values_supported", {"RS256"}},
              {"issuer", issuer},
              {"jwks_uri", issuer + "/.well-known/jwks.json"},
              {"response_types_supported", {"code", "token"}},
              {"scopes_supported", {"openid", "email", "phone", "profile"}},
              {"subject_types_supported", {"public"}},
              {"token_endpoint", issuer + "/oauth2/token"},
              {"token_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post"}},
              {"userinfo_endpoint", issuer + "/oauth2/userInfo"}};
}

}  // namespace

ApiResponse ServeWellKnown(Context& ctx, const std::string& path) {
  static const std::regex kRoute(R"(^/([\w-]+_[0-9a-zA-Z]+)/\.well-known/(jwks\.json|openid-configuration)$)");
  std::smatch m;
  if (path.size() > 200 || !std::regex_match(path, m, kRoute)) {
    return JsonDocument(404, Json{{"__type", "ResourceNotFoundException"},
                                  {"message", "Not found: " + path.substr(0, 200)}});
  }
  const std::string pool_id = m[1];
  if (!ctx.store.GetPool(pool_id)) {
    return JsonDocument(404, Json{{"message", "User pool " + pool_id + " not found"}});
  }
  if (m[2] == "jwks.json") {
    return JsonDocument(
        200, Json{{"keys", {Jwk(ctx.env.keys.id_key()), Jwk(ctx.env.keys.access_key())}}});
  }
  return JsonDocument(200, OpenIdConfiguration(Issuer(ctx.env.settings, pool_id)));
}

}  // namespace cognito::actions
