#include "auth/challenge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace cognito::auth {

// Readable failure output for EXPECT_EQ on Step (found by ADL).
void PrintTo(const Step& step, std::ostream* os) {
  switch (step.kind) {
    case Step::Kind::kTokens:
      *os << "tokens";
      return;
    case Step::Kind::kDeviceNotFound:
      *os << "device-not-found";
      return;
    case Step::Kind::kPasswordRequired:
      *os << "password-required";
      return;
    case Step::Kind::kChallenge:
      break;
  }
  *os << ChallengeName(step.challenge);
  if (!step.options.empty()) {
    *os << " [";
    for (MfaMethod m : step.options) {
      *os << " " << MfaMethodName(m);
    }
    *os << " ]";
  }
}

namespace {

using M = MfaMethod;
using Methods = std::vector<MfaMethod>;

constexpr M kSms = M::kSms;
constexpr M kTotp = M::kTotp;
constexpr M kEmail = M::kEmail;

Step Tokens() { return Step{}; }
Step PasswordRequired() { return Step{Step::Kind::kPasswordRequired, {}, {}}; }
Step DeviceNotFound() { return Step{Step::Kind::kDeviceNotFound, {}, {}}; }
Step Ask(Challenge c, Methods options = {}) { return Step{Step::Kind::kChallenge, c, options}; }
Step Select(Methods options) { return Ask(Challenge::kSelectMfaType, std::move(options)); }
Step SetupMfa(Methods options) { return Ask(Challenge::kMfaSetup, std::move(options)); }
const Step kSmsMfa = Ask(Challenge::kSmsMfa);
const Step kTotpMfa = Ask(Challenge::kSoftwareTokenMfa);
const Step kEmailOtp = Ask(Challenge::kEmailOtp);
const Step kDeviceSrp = Ask(Challenge::kDeviceSrpAuth);
const Step kNewPassword = Ask(Challenge::kNewPasswordRequired);

struct Case {
  const char* label;
  FlowState state;
  Step expected;
};

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(NextStep(c.state), c.expected);
  }
}

// A proven password with the given MFA facts; the device and new-password gates are open.
FlowState Mfa(MfaConfig config, Methods user, std::optional<M> preferred = std::nullopt,
              std::optional<M> chosen = std::nullopt, bool done = false) {
  FlowState s;
  s.password_proven = true;
  s.pool_mfa = config;
  s.pool_methods = {kSms, kTotp};
  s.user_methods = std::move(user);
  s.preferred = preferred;
  s.has_phone_number = true;
  s.chosen = chosen;
  s.mfa_done = done;
  return s;
}

FlowState WithPool(FlowState s, Methods pool, bool phone) {
  s.pool_methods = std::move(pool);
  s.has_phone_number = phone;
  return s;
}

// The same state for a FORCE_CHANGE_PASSWORD user who has not set a new password yet.
FlowState ForceChange(FlowState s) {
  s.needs_new_password = true;
  return s;
}

FlowState WithDevice(FlowState s, DeviceState device, bool done = false) {
  s.device = device;
  s.device_done = done;
  return s;
}

TEST(ChallengeTest, ChallengeNamesRoundTrip) {
  const std::vector<std::pair<Challenge, std::string>> cases = {
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
  };
  for (const auto& [challenge, name] : cases) {
    SCOPED_TRACE(name);
    EXPECT_EQ(ChallengeName(challenge), name);
    EXPECT_EQ(ParseChallenge(name), challenge);
  }
}

TEST(ChallengeTest, MfaMethodNamesAndChallengesRoundTrip) {
  const std::vector<std::tuple<M, std::string, Challenge>> cases = {
      {kSms, "SMS_MFA", Challenge::kSmsMfa},
      {kTotp, "SOFTWARE_TOKEN_MFA", Challenge::kSoftwareTokenMfa},
      {kEmail, "EMAIL_OTP", Challenge::kEmailOtp},
  };
  for (const auto& [method, name, challenge] : cases) {
    SCOPED_TRACE(name);
    EXPECT_EQ(MfaMethodName(method), name);
    EXPECT_EQ(ParseMfaMethod(name), method);
    EXPECT_EQ(ChallengeFor(method), challenge);
  }
}

TEST(ChallengeTest, ParseChallengeRejectsUnknownNames) {
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"empty", ""},
      {"lowercase", "sms_mfa"},
      {"trailing space", "SMS_MFA "},
      {"leading space", " SMS_MFA"},
      {"prefix only", "PASSWORD"},
      {"embedded NUL", std::string("SMS_MFA\0", 8)},
      {"USER_AUTH first factor, not modelled", "SMS_OTP"},
      {"USER_AUTH selection, not modelled", "SELECT_CHALLENGE"},
      {"never issued", "ADMIN_NO_SRP_AUTH"},
      {"no such challenge type", "EMAIL_MFA"},
      {"AuthFlow, not a challenge", "USER_SRP_AUTH"},
  };
  for (const auto& [label, name] : cases) {
    SCOPED_TRACE(label);
    EXPECT_EQ(ParseChallenge(name), std::nullopt);
  }
}

TEST(ChallengeTest, ParseMfaMethodRejectsUnknownNames) {
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"empty", ""},
      {"lowercase", "software_token_mfa"},
      {"short form SMS", "SMS"},
      {"short form TOTP", "TOTP"},
      {"short form EMAIL", "EMAIL"},
      {"doc name never sent", "EMAIL_MFA"},
      {"challenge that is not a method", "SELECT_MFA_TYPE"},
      {"first factor, not MFA", "SMS_OTP"},
      {"trailing space", "EMAIL_OTP "},
  };
  for (const auto& [label, name] : cases) {
    SCOPED_TRACE(label);
    EXPECT_EQ(ParseMfaMethod(name), std::nullopt);
  }
}

TEST(ChallengeTest, SortedMethodsIsStableAndUnique) {
  const std::vector<std::tuple<const char*, Methods, Methods>> cases = {
      {"empty", {}, {}},
      {"single", {kEmail}, {kEmail}},
      {"reversed", {kEmail, kTotp, kSms}, {kSms, kTotp, kEmail}},
      {"duplicates dropped", {kTotp, kSms, kTotp, kSms}, {kSms, kTotp}},
      {"email before sms", {kEmail, kSms}, {kSms, kEmail}},
  };
  for (const auto& [label, in, out] : cases) {
    SCOPED_TRACE(label);
    EXPECT_EQ(SortedMethods(in), out);
  }
}

TEST(ChallengeTest, PasswordAndNewPasswordGates) {
  const FlowState everything_else_done =
      WithDevice(Mfa(MfaConfig::kOn, {kTotp}, kTotp, kTotp, true), DeviceState::kReplacesMfa, true);
  FlowState unproven = everything_else_done;
  unproven.password_proven = false;
  RunCases({
      {"nothing proven", FlowState{}, PasswordRequired()},
      {"unproven even with later steps done", unproven, PasswordRequired()},
      {"unproven force-change user", ForceChange(unproven), PasswordRequired()},
      {"force change comes before everything", ForceChange(everything_else_done), kNewPassword},
      {"force change before unknown device",
       ForceChange(WithDevice(everything_else_done, DeviceState::kUnknown)), kNewPassword},
      {"force change before MFA", ForceChange(Mfa(MfaConfig::kOn, {kSms})), kNewPassword},
      {"after new password, no MFA, no device", Mfa(MfaConfig::kOff, {}), Tokens()},
      {"after new password, MFA on with TOTP", Mfa(MfaConfig::kOn, {kTotp}), kTotpMfa},
      {"after new password, unknown device",
       WithDevice(Mfa(MfaConfig::kOff, {}), DeviceState::kUnknown), DeviceNotFound()},
  });
}

TEST(ChallengeTest, MfaOffNeverChallenges) {
  RunCases({
      {"off, no methods", Mfa(MfaConfig::kOff, {}), Tokens()},
      {"off, one method", Mfa(MfaConfig::kOff, {kSms}), Tokens()},
      {"off, all methods", Mfa(MfaConfig::kOff, {kSms, kTotp, kEmail}), Tokens()},
      {"off, preferred", Mfa(MfaConfig::kOff, {kSms, kTotp}, kTotp), Tokens()},
      {"off, chosen", Mfa(MfaConfig::kOff, {kSms, kTotp}, std::nullopt, kSms), Tokens()},
      {"off, no methods, phone and SMS pool", WithPool(Mfa(MfaConfig::kOff, {}), {kSms}, true),
       Tokens()},
  });
}

TEST(ChallengeTest, MfaOptional) {
  const MfaConfig o = MfaConfig::kOptional;
  RunCases({
      {"no methods", Mfa(o, {}), Tokens()},
      {"no methods, phone and SMS pool: no fallback", WithPool(Mfa(o, {}), {kSms}, true), Tokens()},
      {"no methods, preferred not enabled", Mfa(o, {}, kTotp), Tokens()},
      {"only SMS", Mfa(o, {kSms}), kSmsMfa},
      {"only TOTP", Mfa(o, {kTotp}), kTotpMfa},
      {"only email", Mfa(o, {kEmail}), kEmailOtp},
      {"only TOTP, listed twice", Mfa(o, {kTotp, kTotp}), kTotpMfa},
      {"SMS+TOTP, none preferred", Mfa(o, {kTotp, kSms}), Select({kSms, kTotp})},
      {"all three, none preferred", Mfa(o, {kEmail, kSms, kTotp}), Select({kSms, kTotp, kEmail})},
      {"TOTP+email, none preferred", Mfa(o, {kEmail, kTotp}), Select({kTotp, kEmail})},
      {"SMS+TOTP, TOTP preferred", Mfa(o, {kSms, kTotp}, kTotp), kTotpMfa},
      {"SMS+TOTP, SMS preferred", Mfa(o, {kSms, kTotp}, kSms), kSmsMfa},
      {"all three, email preferred", Mfa(o, {kSms, kTotp, kEmail}, kEmail), kEmailOtp},
      {"SMS+TOTP, preferred email not enabled", Mfa(o, {kSms, kTotp}, kEmail),
       Select({kSms, kTotp})},
      {"only SMS, preferred TOTP not enabled", Mfa(o, {kSms}, kTotp), kSmsMfa},
      {"SMS+TOTP, chose TOTP", Mfa(o, {kSms, kTotp}, std::nullopt, kTotp), kTotpMfa},
      {"SMS+TOTP, chose SMS", Mfa(o, {kSms, kTotp}, std::nullopt, kSms), kSmsMfa},
      {"all three, chose email", Mfa(o, {kSms, kTotp, kEmail}, std::nullopt, kEmail), kEmailOtp},
      {"choice wins over preference", Mfa(o, {kSms, kTotp}, kTotp, kSms), kSmsMfa},
      {"SMS+TOTP, code verified", Mfa(o, {kSms, kTotp}, std::nullopt, kTotp, true), Tokens()},
      {"only TOTP, code verified", Mfa(o, {kTotp}, std::nullopt, std::nullopt, true), Tokens()},
      {"preferred SMS, code verified", Mfa(o, {kSms, kTotp}, kSms, std::nullopt, true), Tokens()},
  });
}

TEST(ChallengeTest, MfaRequired) {
  const MfaConfig on = MfaConfig::kOn;
  RunCases({
      {"only SMS", Mfa(on, {kSms}), kSmsMfa},
      {"only TOTP", Mfa(on, {kTotp}), kTotpMfa},
      {"only email", Mfa(on, {kEmail}), kEmailOtp},
      {"SMS+TOTP, none preferred", Mfa(on, {kSms, kTotp}), Select({kSms, kTotp})},
      {"SMS+email, none preferred", Mfa(on, {kEmail, kSms}), Select({kSms, kEmail})},
      {"SMS+TOTP, TOTP preferred", Mfa(on, {kSms, kTotp}, kTotp), kTotpMfa},
      {"SMS+TOTP, preferred email not enabled", Mfa(on, {kSms, kTotp}, kEmail),
       Select({kSms, kTotp})},
      {"SMS+TOTP, chose SMS", Mfa(on, {kSms, kTotp}, std::nullopt, kSms), kSmsMfa},
      {"all three, chose TOTP over preferred email", Mfa(on, {kSms, kTotp, kEmail}, kEmail, kTotp),
       kTotpMfa},
      {"SMS+TOTP, code verified", Mfa(on, {kSms, kTotp}, kTotp, std::nullopt, true), Tokens()},
      {"no methods, MFA_SETUP completed", Mfa(on, {}, std::nullopt, std::nullopt, true), Tokens()},
  });
}

TEST(ChallengeTest, MfaRequiredWithoutUserMethods) {
  const FlowState none = Mfa(MfaConfig::kOn, {});
  RunCases({
      {"SMS fallback: SMS pool and phone", WithPool(none, {kSms, kTotp}, true), kSmsMfa},
      {"SMS fallback: SMS-only pool", WithPool(none, {kSms}, true), kSmsMfa},
      {"SMS fallback ignores a stale preference",
       WithPool(Mfa(MfaConfig::kOn, {}, kTotp), {kSms, kTotp}, true), kSmsMfa},
      {"no phone: setup SMS+TOTP", WithPool(none, {kTotp, kSms}, false), SetupMfa({kSms, kTotp})},
      {"phone but pool lacks SMS: setup TOTP", WithPool(none, {kTotp}, true), SetupMfa({kTotp})},
      {"no phone: setup all three", WithPool(none, {kEmail, kTotp, kSms}, false),
       SetupMfa({kSms, kTotp, kEmail})},
      {"phone, TOTP+email pool", WithPool(none, {kEmail, kTotp}, true), SetupMfa({kTotp, kEmail})},
      {"pool lists a method twice", WithPool(none, {kTotp, kTotp}, false), SetupMfa({kTotp})},
      {"pool configures nothing", WithPool(none, {}, true), SetupMfa({})},
  });
}

TEST(ChallengeTest, DeviceSteps) {
  const FlowState no_mfa = Mfa(MfaConfig::kOptional, {});
  const FlowState totp = Mfa(MfaConfig::kOn, {kTotp});
  const FlowState totp_done = Mfa(MfaConfig::kOn, {kTotp}, std::nullopt, std::nullopt, true);
  const FlowState two = Mfa(MfaConfig::kOptional, {kSms, kTotp});
  const FlowState setup = WithPool(Mfa(MfaConfig::kOn, {}), {kTotp}, false);
  using D = DeviceState;
  RunCases({
      {"no key, no MFA", WithDevice(no_mfa, D::kNone), Tokens()},
      {"no key, TOTP", WithDevice(totp, D::kNone), kTotpMfa},
      {"unknown key, no MFA", WithDevice(no_mfa, D::kUnknown), DeviceNotFound()},
      {"unknown key, TOTP", WithDevice(totp, D::kUnknown), DeviceNotFound()},
      {"unknown key, MFA done", WithDevice(totp_done, D::kUnknown), DeviceNotFound()},
      {"replaces MFA, TOTP: device first", WithDevice(totp, D::kReplacesMfa), kDeviceSrp},
      {"replaces MFA, select pending: device first", WithDevice(two, D::kReplacesMfa), kDeviceSrp},
      {"replaces MFA, setup pending: device first", WithDevice(setup, D::kReplacesMfa), kDeviceSrp},
      {"replaces MFA, no MFA", WithDevice(no_mfa, D::kReplacesMfa), kDeviceSrp},
      {"replaces MFA, done: MFA skipped", WithDevice(totp, D::kReplacesMfa, true), Tokens()},
      {"replaces MFA, done: setup skipped", WithDevice(setup, D::kReplacesMfa, true), Tokens()},
      {"replaces MFA, done, no MFA", WithDevice(no_mfa, D::kReplacesMfa, true), Tokens()},
      {"after MFA, TOTP: MFA first", WithDevice(totp, D::kAfterMfa), kTotpMfa},
      {"after MFA, select first", WithDevice(two, D::kAfterMfa), Select({kSms, kTotp})},
      {"after MFA, setup first", WithDevice(setup, D::kAfterMfa), SetupMfa({kTotp})},
      {"after MFA, MFA done: device", WithDevice(totp_done, D::kAfterMfa), kDeviceSrp},
      {"after MFA, no MFA: device", WithDevice(no_mfa, D::kAfterMfa), kDeviceSrp},
      {"after MFA, both done", WithDevice(totp_done, D::kAfterMfa, true), Tokens()},
      {"after MFA, device done but MFA not: MFA still asked",
       WithDevice(totp, D::kAfterMfa, true), kTotpMfa},
      {"after MFA, device done, no MFA", WithDevice(no_mfa, D::kAfterMfa, true),
       Tokens()},
  });
}

// Plays the actions layer: answers every challenge correctly, picking `pick` (or the first
// option) at SELECT_MFA_TYPE, until a non-challenge step. Bounded so a loop shows up as a failure.
std::vector<Step> Walk(FlowState s, std::optional<M> pick = std::nullopt) {
  std::vector<Step> seen;
  for (int i = 0; i < 8; ++i) {
    seen.push_back(NextStep(s));
    const Step& step = seen.back();
    if (step.kind != Step::Kind::kChallenge) {
      break;
    }
    switch (step.challenge) {
      case Challenge::kNewPasswordRequired:
        s.needs_new_password = false;
        break;
      case Challenge::kSmsMfa:
      case Challenge::kSoftwareTokenMfa:
      case Challenge::kEmailOtp:
      case Challenge::kMfaSetup:
        s.mfa_done = true;
        break;
      case Challenge::kSelectMfaType:
        s.chosen = pick.value_or(step.options.empty() ? kSms : step.options.front());
        break;
      case Challenge::kDeviceSrpAuth:
        s.device_done = true;
        break;
      case Challenge::kPasswordVerifier:
      case Challenge::kDevicePasswordVerifier:
      case Challenge::kCustomChallenge:
        return seen;  // never produced by the pipeline; the sweep below flags it
    }
  }
  return seen;
}

TEST(ChallengeTest, WholeFlows) {
  const FlowState force_totp_remembered =
      ForceChange(WithDevice(Mfa(MfaConfig::kOn, {kTotp}), DeviceState::kReplacesMfa));
  const FlowState force_setup_new_device = ForceChange(
      WithDevice(WithPool(Mfa(MfaConfig::kOn, {}), {kTotp}, false), DeviceState::kAfterMfa));
  struct FlowCase {
    const char* label;
    FlowState state;
    std::optional<M> pick;
    std::vector<Step> expected;
  };
  const std::vector<FlowCase> cases = {
      {"plain password", Mfa(MfaConfig::kOff, {}), std::nullopt, {Tokens()}},
      {"TOTP user", Mfa(MfaConfig::kOptional, {kTotp}), std::nullopt, {kTotpMfa, Tokens()}},
      {"select, pick email",
       Mfa(MfaConfig::kOn, {kSms, kEmail}),
       kEmail,
       {Select({kSms, kEmail}), kEmailOtp, Tokens()}},
      {"select, pick SMS",
       Mfa(MfaConfig::kOn, {kSms, kTotp}),
       kSms,
       {Select({kSms, kTotp}), kSmsMfa, Tokens()}},
      {"SMS fallback", Mfa(MfaConfig::kOn, {}), std::nullopt, {kSmsMfa, Tokens()}},
      {"MFA setup",
       WithPool(Mfa(MfaConfig::kOn, {}), {kTotp}, false),
       std::nullopt,
       {SetupMfa({kTotp}), Tokens()}},
      {"force change, remembered device suppresses TOTP",
       force_totp_remembered,
       std::nullopt,
       {kNewPassword, kDeviceSrp, Tokens()}},
      {"force change, setup, then unremembered device",
       force_setup_new_device,
       std::nullopt,
       {kNewPassword, SetupMfa({kTotp}), kDeviceSrp, Tokens()}},
      {"select then unremembered device",
       WithDevice(Mfa(MfaConfig::kOptional, {kTotp, kSms}), DeviceState::kAfterMfa),
       kTotp,
       {Select({kSms, kTotp}), kTotpMfa, kDeviceSrp, Tokens()}},
      {"unknown device after new password",
       ForceChange(WithDevice(Mfa(MfaConfig::kOn, {kTotp}), DeviceState::kUnknown)),
       std::nullopt,
       {kNewPassword, DeviceNotFound()}},
  };
  for (const FlowCase& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(Walk(c.state, c.pick), c.expected);
  }
}

// Builds the method set of `mask` (bit 0 SMS, 1 TOTP, 2 email) in reverse of the stable order.
Methods MethodsOf(unsigned mask) {
  Methods methods;
  for (M m : {kEmail, kTotp, kSms}) {
    if ((mask >> static_cast<unsigned>(m)) & 1U) {
      methods.push_back(m);
    }
  }
  return methods;
}

bool Has(const Methods& methods, M m) {
  return std::find(methods.begin(), methods.end(), m) != methods.end();
}

std::string Describe(const FlowState& s) {
  auto method = [](std::optional<M> m) { return m ? std::string(MfaMethodName(*m)) : "-"; };
  auto list = [](const Methods& ms) {
    std::string text;
    for (M m : ms) {
      text += std::string(MfaMethodName(m)) + ",";
    }
    return text;
  };
  return "proven=" + std::to_string(s.password_proven) +
         " new_pw=" + std::to_string(s.needs_new_password) +
         " pool=" + std::to_string(static_cast<int>(s.pool_mfa)) +
         " pool_methods=" + list(s.pool_methods) + " user=" + list(s.user_methods) +
         " preferred=" + method(s.preferred) + " phone=" + std::to_string(s.has_phone_number) +
         " chosen=" + method(s.chosen) + " mfa_done=" + std::to_string(s.mfa_done) +
         " device=" + std::to_string(static_cast<int>(s.device)) +
         " device_done=" + std::to_string(s.device_done);
}

// The properties NextStep must hold for one state of the sweep; returns "" or the broken one.
std::string BrokenProperty(const FlowState& s, const Step& step) {
  const bool challenge = step.kind == Step::Kind::kChallenge;
  const auto is = [&](Challenge c) { return challenge && step.challenge == c; };
  const bool mfa_challenge = is(Challenge::kSmsMfa) || is(Challenge::kSoftwareTokenMfa) ||
                             is(Challenge::kEmailOtp) || is(Challenge::kSelectMfaType) ||
                             is(Challenge::kMfaSetup);
  if (!s.password_proven) {
    return step == PasswordRequired() ? "" : "unproven must ask for the password";
  }
  if (s.needs_new_password) {
    return step == kNewPassword ? "" : "force-change must ask for a new password";
  }
  if (s.device == DeviceState::kUnknown) {
    return step == DeviceNotFound() ? "" : "unknown device must fail";
  }
  if (s.device == DeviceState::kReplacesMfa) {
    return step == (s.device_done ? Tokens() : kDeviceSrp) ? "" : "remembered device step";
  }
  if (is(Challenge::kPasswordVerifier) || is(Challenge::kDevicePasswordVerifier) ||
      is(Challenge::kCustomChallenge) || step.kind == Step::Kind::kPasswordRequired) {
    return "pipeline produced a step it never should";
  }
  if (mfa_challenge && (s.mfa_done || s.pool_mfa == MfaConfig::kOff)) {
    return "MFA asked although off or done";
  }
  if (!step.options.empty() && !is(Challenge::kSelectMfaType) && !is(Challenge::kMfaSetup)) {
    return "options on a step that has none";
  }
  if (is(Challenge::kSelectMfaType) &&
      (s.chosen || step.options.size() < 2 || step.options != SortedMethods(s.user_methods) ||
       (s.preferred && Has(s.user_methods, *s.preferred)))) {
    return "SELECT_MFA_TYPE when a single method was determined";
  }
  if (is(Challenge::kMfaSetup) && (s.pool_mfa != MfaConfig::kOn || !s.user_methods.empty() ||
                                   step.options != SortedMethods(s.pool_methods) ||
                                   (Has(s.pool_methods, kSms) && s.has_phone_number))) {
    return "MFA_SETUP when the user had a usable method";
  }
  for (M m : {kSms, kTotp, kEmail}) {
    const bool fallback = m == kSms && s.user_methods.empty() && s.pool_mfa == MfaConfig::kOn &&
                          Has(s.pool_methods, kSms) && s.has_phone_number;
    if (is(ChallengeFor(m)) && s.chosen != m && !Has(s.user_methods, m) && !fallback) {
      return "MFA challenge for a method neither chosen nor enabled";
    }
  }
  const bool mfa_owed = !s.mfa_done && s.pool_mfa != MfaConfig::kOff &&
                        (s.pool_mfa == MfaConfig::kOn || !s.user_methods.empty() || s.chosen);
  if (mfa_owed != mfa_challenge) {
    return mfa_owed ? "MFA owed but not asked" : "MFA asked but not owed";
  }
  const bool device_pending = s.device == DeviceState::kAfterMfa && !s.device_done;
  if (!mfa_challenge && (step == kDeviceSrp) != device_pending) {
    return "unremembered device step after MFA";
  }
  return "";
}

// Every combination of the FlowState fields: the step obeys the pipeline's properties and
// answering each challenge reaches a terminal step without repeating a challenge.
TEST(ChallengeTest, SweepOfEveryStateKeepsThePipelineProperties) {
  const std::vector<std::optional<M>> maybe = {std::nullopt, kSms, kTotp, kEmail};
  const std::vector<DeviceState> devices = {DeviceState::kNone, DeviceState::kUnknown,
                                            DeviceState::kReplacesMfa, DeviceState::kAfterMfa};
  int states = 0;
  FlowState s;
  for (int flags = 0; flags < 32; ++flags) {
    s.password_proven = (flags & 1) != 0;
    s.needs_new_password = (flags & 2) != 0;
    s.has_phone_number = (flags & 4) != 0;
    s.mfa_done = (flags & 8) != 0;
    s.device_done = (flags & 16) != 0;
    for (MfaConfig config : {MfaConfig::kOff, MfaConfig::kOptional, MfaConfig::kOn}) {
      s.pool_mfa = config;
      for (unsigned pool = 0; pool < 8; ++pool) {
        s.pool_methods = MethodsOf(pool);
        for (unsigned user = 0; user < 8; ++user) {
          s.user_methods = MethodsOf(user);
          for (const std::optional<M>& preferred : maybe) {
            s.preferred = preferred;
            for (const std::optional<M>& chosen : maybe) {
              s.chosen = chosen;
              for (DeviceState device : devices) {
                s.device = device;
                ++states;
                const Step step = NextStep(s);
                const std::string broken = BrokenProperty(s, step);
                ASSERT_EQ(broken, "") << Describe(s);
                if (!s.password_proven) {
                  continue;
                }
                const std::vector<Step> walk = Walk(s);
                ASSERT_LE(walk.size(), 5U) << Describe(s);
                const Step& last = walk.back();
                ASSERT_TRUE(last == Tokens() || last == DeviceNotFound()) << Describe(s);
                for (size_t i = 0; i < walk.size(); ++i) {
                  for (size_t j = i + 1; j < walk.size(); ++j) {
                    ASSERT_NE(walk[i], walk[j]) << Describe(s);
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(states, 32 * 3 * 8 * 8 * 4 * 4 * 4);
}

}  // namespace
}  // namespace cognito::auth
