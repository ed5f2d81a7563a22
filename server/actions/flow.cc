#include "server/actions/flow.h"

#include <algorithm>

#include "server/actions/auth_session.h"
#include "server/actions/devices.h"
#include "server/actions/error.h"
#include "server/actions/tokens.h"
#include "server/actions/triggers.h"
#include "server/actions/user_mfa.h"
#include "server/actions/users.h"

namespace cognito::actions {

namespace {

constexpr int64_t kMillisPerDay = 24LL * 3600 * 1000;

Json CurrentAttributes(const storage::UserRecord& user) {
  Json attributes = Json::object();
  for (const auto& [name, value] : user.attributes) {
    attributes[name] = value;
  }
  return attributes;
}

// Required schema attributes the user has no value for, as "userAttributes.<name>".
Json MissingRequired(const Principal& p) {
  Json missing = Json::array();
  for (const auto& name : MissingRequiredAttributes(p.pool, p.user)) {
    missing.push_back("userAttributes." + name);
  }
  return missing;
}

Json ChallengeParameters(Context& ctx, const Principal& p, const auth::Step& step, Json& state) {
  if (step.challenge == auth::Challenge::kDeviceSrpAuth) {
    return Json{{"USERNAME", p.user.username}, {"DEVICE_KEY", state.value("device_key", "")}};
  }
  if (step.challenge != auth::Challenge::kNewPasswordRequired) {
    return MfaChallengeParameters(ctx, p, step, state);
  }
  return Json{{"USER_ID_FOR_SRP", p.user.username},
              {"userAttributes", CurrentAttributes(p.user).dump()},
              {"requiredAttributes", MissingRequired(p).dump()}};
}

// Whether a code of this method can reach the user (or, for TOTP, be checked).
bool Deliverable(const Principal& p, const storage::UserMfaRecord& mfa, auth::MfaMethod m) {
  switch (m) {
    case auth::MfaMethod::kTotp:
      return !mfa.totp_secret.empty();
    case auth::MfaMethod::kSms:
      return !AttributeValue(p.user, "phone_number").empty();
    case auth::MfaMethod::kEmail:
      return !AttributeValue(p.user, "email").empty();
  }
  return false;
}

// The user's enabled MFA methods that can be used now: allowed by the pool and deliverable.
std::vector<auth::MfaMethod> UsableMethods(const Principal& p, const storage::UserMfaRecord& mfa) {
  const auto& allowed = p.pool_settings.mfa_methods;
  std::vector<auth::MfaMethod> usable;
  for (auth::MfaMethod m : EnabledMfaMethods(mfa)) {
    if (std::find(allowed.begin(), allowed.end(), m) != allowed.end() && Deliverable(p, mfa, m)) {
      usable.push_back(m);
    }
  }
  return usable;
}

// What DEVICE_KEY means for this sign-in (auth-flows.md §4.2): a remembered device is proven
// with device SRP, before MFA when the pool lets it replace the second factor; a device not
// remembered is only recorded in the tokens.
void ResolveDevice(Context& ctx, const Principal& p, const std::string& device_key,
                   auth::FlowState& state) {
  if (device_key.empty() || !p.pool_settings.device_tracking) {
    return;
  }
  auto device = FindUserDevice(ctx, p.user, device_key);
  if (!device) {
    state.device = auth::DeviceState::kUnknown;
    return;
  }
  state.device_key = device_key;
  if (device->remembered) {
    state.device = p.pool_settings.device_replaces_mfa ? auth::DeviceState::kReplacesMfa
                                                       : auth::DeviceState::kAfterMfa;
  }
}

// PreTokenGeneration's triggerSource for the flow that ends now.
const char* TokenSource(const auth::FlowState& state) {
  if (state.device_done) return "TokenGeneration_AuthenticateDevice";
  if (state.new_password_set) return "TokenGeneration_NewPasswordChallenge";
  return "TokenGeneration_Authentication";
}

// The AuthenticationResult: the flow's device, or a new one when the pool tracks devices.
Json TokensResult(Context& ctx, const Principal& p, const auth::FlowState& state) {
  const SignIn sign_in{p.pool, p.client, p.client_settings, p.user, TokenSource(state),
                       p.client_metadata};
  if (!state.device_key.empty()) {
    if (state.device_done) {
      ctx.Write([pool_id = p.pool.id, key = state.device_key,
                 now = ctx.env.clock.NowMillis()](storage::Store& store) {
        store.TouchDevice(pool_id, key, now);
      });
    }
    return IssueTokens(ctx, sign_in, state.device_key);
  }
  if (!p.pool_settings.device_tracking) {
    return IssueTokens(ctx, sign_in);
  }
  const std::string device_key = NewDeviceKey(ctx, p.pool.id);
  Json result = IssueTokens(ctx, sign_in, device_key);
  result["NewDeviceMetadata"] = {{"DeviceKey", device_key},
                                 {"DeviceGroupKey", DeviceGroupKey(p.user)}};
  return result;
}

}  // namespace

void NotImplemented(const std::string& what) {
  throw CognitoError(ErrorCode::kUnsupportedOperation,
                     what + " is not implemented by cognito-emulator yet.");
}

void CheckUserCanSignIn(const storage::UserRecord& user, bool hide_reset_required) {
  if (!user.enabled) {
    throw CognitoError::NotAuthorized("User is disabled.");
  }
  if (user.status == "UNCONFIRMED") {
    throw CognitoError(ErrorCode::kUserNotConfirmed, "User is not confirmed.");
  }
  if (user.status == "RESET_REQUIRED") {
    if (hide_reset_required) {
      throw CognitoError::IncorrectCredentials();
    }
    throw CognitoError(ErrorCode::kPasswordResetRequired, "Password reset required for the user");
  }
}

auth::FlowState PasswordProvenState(Context& ctx, const Principal& p,
                                    const std::string& device_key) {
  auth::FlowState state;
  state.password_proven = true;
  state.needs_new_password = p.user.status == "FORCE_CHANGE_PASSWORD";
  if (state.needs_new_password) {
    const int64_t validity =
        p.pool_settings.password_policy.temporary_password_validity_days * kMillisPerDay;
    if (ctx.env.clock.NowMillis() - p.user.password_set_ms > validity) {
      throw CognitoError::NotAuthorized(
          "Temporary password has expired and must be reset by an administrator.");
    }
  }
  const std::string& mode = p.pool_settings.mfa_configuration;
  state.pool_mfa = mode == "ON"         ? auth::MfaConfig::kOn
                   : mode == "OPTIONAL" ? auth::MfaConfig::kOptional
                                        : auth::MfaConfig::kOff;
  state.pool_methods = p.pool_settings.mfa_methods;
  const storage::UserMfaRecord mfa = LoadUserMfa(ctx, p.user);
  state.user_methods = UsableMethods(p, mfa);
  state.preferred = PreferredMfaMethod(mfa);
  state.has_phone_number = !AttributeValue(p.user, "phone_number").empty();
  ResolveDevice(ctx, p, device_key, state);
  return state;
}

Json Advance(Context& ctx, const Principal& p, const auth::FlowState& state) {
  const auth::Step step = auth::NextStep(state);
  switch (step.kind) {
    case auth::Step::Kind::kTokens: {
      Json result = TokensResult(ctx, p, state);
      Json request{{"userAttributes", TriggerUserAttributes(p.user)},
                   {"newDeviceUsed", result.contains("NewDeviceMetadata")}};
      if (!p.client_metadata.is_null()) {
        request["clientMetadata"] = p.client_metadata;
      }
      RunTriggerAfterCommit(ctx, p.pool, p.pool_settings,
                            {Trigger::kPostAuthentication, "PostAuthentication_Authentication",
                             p.user.username, p.client.client_id, std::move(request)});
      return Json{{"AuthenticationResult", std::move(result)},
                  {"ChallengeParameters", Json::object()}};
    }
    case auth::Step::Kind::kDeviceNotFound:
      throw CognitoError::ResourceNotFound("Device does not exist.");
    case auth::Step::Kind::kPasswordRequired:
      throw CognitoError::IncorrectCredentials();
    case auth::Step::Kind::kChallenge:
      break;
  }
  const std::string name(auth::ChallengeName(step.challenge));
  Json session_state = FlowStateToJson(state);
  Json params = ChallengeParameters(ctx, p, step, session_state);
  const std::string session =
      StartSession(ctx, {p.pool.id, p.client.client_id, p.user.username}, name, session_state,
                   p.client_settings.auth_session_seconds);
  return Json{{"ChallengeName", name},
              {"ChallengeParameters", std::move(params)},
              {"Session", session}};
}

Json FlowStateToJson(const auth::FlowState& s) {
  auto methods = [](const std::vector<auth::MfaMethod>& list) {
    Json out = Json::array();
    for (auto m : list) {
      out.push_back(std::string(auth::MfaMethodName(m)));
    }
    return out;
  };
  Json out{{"password_proven", s.password_proven},
           {"needs_new_password", s.needs_new_password},
           {"new_password_set", s.new_password_set},
           {"pool_mfa", static_cast<int>(s.pool_mfa)},
           {"pool_methods", methods(s.pool_methods)},
           {"user_methods", methods(s.user_methods)},
           {"has_phone_number", s.has_phone_number},
           {"mfa_done", s.mfa_done},
           {"device", static_cast<int>(s.device)},
           {"device_done", s.device_done},
           {"device_key", s.device_key}};
  if (s.preferred) out["preferred"] = std::string(auth::MfaMethodName(*s.preferred));
  if (s.chosen) out["chosen"] = std::string(auth::MfaMethodName(*s.chosen));
  return out;
}

auth::FlowState FlowStateFromJson(const Json& j) {
  auto methods = [&](const char* key) {
    std::vector<auth::MfaMethod> out;
    for (const auto& m : j.value(key, Json::array())) {
      if (auto parsed = auth::ParseMfaMethod(m.get<std::string>())) {
        out.push_back(*parsed);
      }
    }
    return out;
  };
  auth::FlowState s;
  s.password_proven = j.value("password_proven", false);
  s.needs_new_password = j.value("needs_new_password", false);
  s.new_password_set = j.value("new_password_set", false);
  s.pool_mfa = static_cast<auth::MfaConfig>(j.value("pool_mfa", 0));
  s.pool_methods = methods("pool_methods");
  s.user_methods = methods("user_methods");
  s.has_phone_number = j.value("has_phone_number", false);
  s.mfa_done = j.value("mfa_done", false);
  s.device = static_cast<auth::DeviceState>(j.value("device", 0));
  s.device_done = j.value("device_done", false);
  s.device_key = j.value("device_key", "");
  if (j.contains("preferred")) s.preferred = auth::ParseMfaMethod(j["preferred"].get<std::string>());
  if (j.contains("chosen")) s.chosen = auth::ParseMfaMethod(j["chosen"].get<std::string>());
  return s;
}

}  // namespace cognito::actions
