#include "server/actions/tokens.h"

#include <algorithm>

#include "auth/crypto.h"
#include "auth/jwt.h"
#include "auth/random.h"
#include "server/actions/error.h"
#include "server/actions/key_ring.h"
#include "server/actions/pre_token_generation.h"
#include "server/actions/refresh_token.h"

namespace cognito::actions {

namespace {

constexpr const char* kUserAdminScope = "aws.cognito.signin.user.admin";

bool Readable(const ClientSettings& client, const std::string& name) {
  if (client.read_attributes.empty()) {
    return true;
  }
  for (const auto& a : client.read_attributes) {
    if (a == name) {
      return true;
    }
  }
  return false;
}

// Claims shared by both tokens, in the order Cognito issues them.
struct Common {
  std::string iss, origin_jti, event_id;
  int64_t auth_time, iat;
  std::string device_key;
  std::vector<storage::GroupRecord> groups;  // by precedence, then name
  ClaimOverrides overrides;                  // PreTokenGeneration's answer
};

// cognito:groups (and, in ID tokens, the roles of those groups), only when the user has groups
// (or PreTokenGeneration gave some).
void AddGroupClaims(OrderedJson& claims, const Common& c, bool roles) {
  Json names = Json::array();
  Json arns = Json::array();
  Json preferred = nullptr;
  for (const auto& g : c.groups) {  // the lowest precedence value wins
    names.push_back(g.name);
    if (!g.role_arn.empty()) {
      arns.push_back(g.role_arn);
      if (preferred.is_null()) {
        preferred = g.role_arn;
      }
    }
  }
  const ClaimOverrides& o = c.overrides;
  if (o.groups) {
    names = *o.groups;
  }
  if (o.roles) {
    arns = *o.roles;
  }
  if (o.preferred_role) {
    preferred = *o.preferred_role;
  }
  if (!names.empty()) {
    claims["cognito:groups"] = names;
  }
  if (roles && !arns.empty()) {
    claims["cognito:roles"] = arns;
    if (!preferred.is_null()) {
      claims["cognito:preferred_role"] = preferred;
    }
  }
}

std::string IdToken(Context& ctx, const SignIn& s, const Common& c) {
  OrderedJson claims;
  claims["sub"] = s.user.sub;
  AddGroupClaims(claims, c, true);
  for (const auto& [name, value] : s.user.attributes) {
    if ((name == "email_verified" || name == "phone_number_verified") && Readable(s.client_settings, name)) {
      claims[name] = value == "true";
    }
  }
  claims["iss"] = c.iss;
  claims["cognito:username"] = s.user.username;
  claims["origin_jti"] = c.origin_jti;
  claims["aud"] = s.client.client_id;
  claims["event_id"] = c.event_id;
  claims["token_use"] = "id";
  claims["auth_time"] = c.auth_time;
  claims["exp"] = c.iat + s.client_settings.id_token_seconds;
  claims["iat"] = c.iat;
  claims["jti"] = ctx.env.random.Uuid();
  for (const auto& [name, value] : s.user.attributes) {
    if (name == "email_verified" || name == "phone_number_verified" || !Readable(s.client_settings, name)) {
      continue;
    }
    if (name == "updated_at") {
      claims[name] = std::strtoll(value.c_str(), nullptr, 10);
    } else {
      claims[name] = value;
    }
  }
  ApplyClaimOverrides(claims, c.overrides.id_add, c.overrides.id_suppress);
  return auth::EncodeJwt(ctx.env.keys.id_key(), claims.dump());
}

std::string AccessToken(Context& ctx, const SignIn& s, const Common& c) {
  OrderedJson claims;
  claims["sub"] = s.user.sub;
  AddGroupClaims(claims, c, false);
  claims["iss"] = c.iss;
  claims["client_id"] = s.client.client_id;
  claims["origin_jti"] = c.origin_jti;
  claims["event_id"] = c.event_id;
  claims["token_use"] = "access";
  claims["scope"] = kUserAdminScope;
  claims["auth_time"] = c.auth_time;
  claims["exp"] = c.iat + s.client_settings.access_token_seconds;
  claims["iat"] = c.iat;
  claims["jti"] = ctx.env.random.Uuid();
  claims["username"] = s.user.username;
  if (!c.device_key.empty()) {
    claims["device_key"] = c.device_key;
  }
  ApplyClaimOverrides(claims, c.overrides.access_add, c.overrides.access_suppress);
  claims["scope"] = OverrideScopes(kUserAdminScope, c.overrides);
  return auth::EncodeJwt(ctx.env.keys.access_key(), claims.dump());
}

std::string NewRefreshToken(Context& ctx, const SignIn& s, const Grant& grant) {
  const int64_t now = ctx.env.clock.NowMillis();
  return SealRefreshToken(ctx.env.keys, ctx.env.random,
                          {s.pool.id, s.client.client_id, s.user.sub, grant.origin_jti,
                           grant.auth_time_s, grant.device_key, now,
                           now + s.client_settings.refresh_token_seconds * 1000});
}

Json TokensFor(Context& ctx, const SignIn& s, const Grant& grant) {
  Common c{Issuer(ctx.env.settings, s.pool.id), grant.origin_jti,   ctx.env.random.Uuid(),
           grant.auth_time_s,                   ctx.env.clock.NowSeconds(), grant.device_key,
           ctx.store.GroupsOfUser(s.pool.id, s.user.username), ClaimOverrides{}};
  c.overrides = RunPreTokenGeneration(ctx, s, c.groups);
  return Json{{"AccessToken", AccessToken(ctx, s, c)},
              {"ExpiresIn", s.client_settings.access_token_seconds},
              {"TokenType", "Bearer"},
              {"IdToken", IdToken(ctx, s, c)}};
}

[[noreturn]] void InvalidToken() { throw CognitoError::NotAuthorized("Invalid Access Token"); }

}  // namespace

std::string Issuer(const Settings& settings, const std::string& pool_id) {
  if (!settings.issuer_base.empty()) {
    return settings.issuer_base + "/" + pool_id;
  }
  const std::string region = pool_id.substr(0, pool_id.find('_'));
  return "https://cognito-idp." + region + ".amazonaws.com/" + pool_id;
}

std::string TokenHash(const std::string& token) { return auth::Sha256(token); }

Json IssueTokens(Context& ctx, const SignIn& s, const std::string& device_key) {
  // The sign-in's time, kept in its origin_jti, orders it against the user's sign-outs: a
  // sign-in that reads a sign-out comes after it even within the same millisecond.
  const int64_t at =
      std::max(ctx.env.clock.NowMillis(), ctx.store.SignedOutMs(s.pool.id, s.user.sub) + 1);
  return RefreshTokens(
      ctx, s, Grant{ctx.env.random.TimeUuid(at), ctx.env.clock.NowSeconds(), device_key}, true);
}

Json RefreshTokens(Context& ctx, const SignIn& s, const Grant& grant, bool new_refresh_token) {
  Json out = TokensFor(ctx, s, grant);
  if (new_refresh_token) {
    out["RefreshToken"] = NewRefreshToken(ctx, s, grant);
  }
  return out;
}

AccessTokenOwner VerifyAccessToken(Context& ctx, const std::string& token) {
  const auto claims = ctx.env.keys.VerifyAccessToken(token);
  if (!claims) {
    InvalidToken();
  }
  if (claims->exp <= ctx.env.clock.NowSeconds()) {
    throw CognitoError::NotAuthorized("Access Token has expired");
  }
  const std::string& iss = claims->iss;
  const std::string pool_id = iss.substr(iss.rfind('/') + 1);
  if (ctx.store.IsSignInRevoked(pool_id, claims->sub, claims->origin_jti,
                               auth::TimeUuidMillis(claims->origin_jti))) {
    throw CognitoError::NotAuthorized("Access Token has been revoked");
  }
  if (claims->scope.find(kUserAdminScope) == std::string::npos) {
    throw CognitoError::NotAuthorized("Access Token does not have required scopes");
  }
  auto pool = ctx.store.GetPool(pool_id);
  if (!pool || Issuer(ctx.env.settings, pool_id) != iss) {
    InvalidToken();
  }
  auto user = ctx.store.GetUser(pool_id, claims->username, true);
  // A user deleted and created again under the same name is another user.
  if (!user || user->sub != claims->sub) {
    throw CognitoError::UserNotFound();
  }
  if (!user->enabled) {
    throw CognitoError::NotAuthorized("User is disabled.");
  }
  return {std::move(pool), std::move(*user), claims->client_id, claims->origin_jti,
          claims->device_key};
}

}  // namespace cognito::actions
