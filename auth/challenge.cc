#include "auth/challenge.h"

#include <algorithm>
#include <array>
#include <utility>

namespace cognito::auth {
namespace {

constexpr std::array<std::pair<Challenge, std::string_view>, 10> kChallengeNames = {{
    {Challenge::kPasswordVerifier, "PASSWORD_VERIFIER"},
    {Challenge::kNewPasswordRequired, "NEW_PASSWORD_REQUIRED"},
    {Challenge::kSmsMfa, "SMS_MFA"},
    {Challenge::kSoftwareTokenMfa, "SOFTWARE_TOKEN_MFA"},
    {Challenge::kEmailOtp, "EMAIL_OTP"},
    {Challenge::kSelectMfaType, "SELECT_MFA_TYPE"},
    {Challenge::kMfaSetup, "MFA_SETUP"},
    {Challenge::kDeviceSrpAuth, "DEVICE_SRP_AUTH"},
    {Challenge::kDevicePasswordVerifier, "DEVICE_PASSWORD_VERIFIER"},
    {Challenge::kCustomChallenge, "CUSTOM_CHALLENGE"},
}};

// In the stable order; each method's wire name equals the name of its challenge.
constexpr std::array<MfaMethod, 3> kAllMethods = {MfaMethod::kSms, MfaMethod::kTotp,
                                                  MfaMethod::kEmail};

Step Tokens() { return Step{}; }

Step Ask(Challenge c, std::vector<MfaMethod> options = {}) {
  Step step;
  step.kind = Step::Kind::kChallenge;
  step.challenge = c;
  step.options = std::move(options);
  return step;
}

bool Contains(const std::vector<MfaMethod>& methods, MfaMethod m) {
  return std::find(methods.begin(), methods.end(), m) != methods.end();
}

// P3: the MFA challenge to ask, or nullopt when this flow needs no (more) MFA.
std::optional<Step> MfaStep(const FlowState& state) {
  if (state.pool_mfa == MfaConfig::kOff) {
    return std::nullopt;
  }
  if (state.chosen) {
    return Ask(ChallengeFor(*state.chosen));
  }
  if (state.preferred && Contains(state.user_methods, *state.preferred)) {
    return Ask(ChallengeFor(*state.preferred));
  }
  std::vector<MfaMethod> enabled = SortedMethods(state.user_methods);
  if (enabled.size() == 1) {
    return Ask(ChallengeFor(enabled.front()));
  }
  if (enabled.size() > 1) {
    return Ask(Challenge::kSelectMfaType, std::move(enabled));
  }
  if (state.pool_mfa == MfaConfig::kOptional) {
    return std::nullopt;
  }
  // Required but the user has nothing enabled: a phone number lets SMS stand in for setup.
  if (Contains(state.pool_methods, MfaMethod::kSms) && state.has_phone_number) {
    return Ask(Challenge::kSmsMfa);
  }
  return Ask(Challenge::kMfaSetup, SortedMethods(state.pool_methods));
}

}  // namespace

std::string_view ChallengeName(Challenge c) {
  for (const auto& [challenge, name] : kChallengeNames) {
    if (challenge == c) {
      return name;
    }
  }
  return {};
}

std::optional<Challenge> ParseChallenge(std::string_view name) {
  for (const auto& [challenge, text] : kChallengeNames) {
    if (text == name) {
      return challenge;
    }
  }
  return std::nullopt;
}

Challenge ChallengeFor(MfaMethod m) {
  switch (m) {
    case MfaMethod::kSms:
      return Challenge::kSmsMfa;
    case MfaMethod::kTotp:
      return Challenge::kSoftwareTokenMfa;
    case MfaMethod::kEmail:
      return Challenge::kEmailOtp;
  }
  return Challenge::kSmsMfa;
}

std::string_view MfaMethodName(MfaMethod m) { return ChallengeName(ChallengeFor(m)); }

std::optional<MfaMethod> ParseMfaMethod(std::string_view name) {
  for (MfaMethod m : kAllMethods) {
    if (MfaMethodName(m) == name) {
      return m;
    }
  }
  return std::nullopt;
}

std::vector<MfaMethod> SortedMethods(const std::vector<MfaMethod>& methods) {
  std::vector<MfaMethod> sorted;
  for (MfaMethod m : kAllMethods) {
    if (Contains(methods, m)) {
      sorted.push_back(m);
    }
  }
  return sorted;
}

Step NextStep(const FlowState& state) {
  if (!state.password_proven) {
    return Step{Step::Kind::kPasswordRequired, Challenge::kPasswordVerifier, {}};
  }
  if (state.needs_new_password) {
    return Ask(Challenge::kNewPasswordRequired);
  }
  switch (state.device) {
    case DeviceState::kUnknown:
      return Step{Step::Kind::kDeviceNotFound, Challenge::kPasswordVerifier, {}};
    case DeviceState::kReplacesMfa:
      // A remembered device replaces the second factor, so it is checked before MFA.
      return state.device_done ? Tokens() : Ask(Challenge::kDeviceSrpAuth);
    case DeviceState::kNone:
    case DeviceState::kAfterMfa:
      break;
  }
  if (!state.mfa_done) {
    if (std::optional<Step> mfa = MfaStep(state)) {
      return std::move(*mfa);
    }
  }
  if (state.device == DeviceState::kAfterMfa && !state.device_done) {
    return Ask(Challenge::kDeviceSrpAuth);
  }
  return Tokens();
}

}  // namespace cognito::auth
