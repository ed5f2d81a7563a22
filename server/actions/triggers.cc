#include "server/actions/triggers.h"

#include "server/actions/error.h"
#include "server/actions/log.h"

namespace cognito::actions {

namespace {

constexpr const char* kSdkVersion = "aws-sdk-unknown-unknown";

std::string RegionOf(const std::string& pool_id) { return pool_id.substr(0, pool_id.find('_')); }

[[noreturn]] void Unexpected(std::string_view name, const std::string& why) {
  throw CognitoError(ErrorCode::kUnexpectedLambda,
                     std::string(name) + " invocation failed due to error " + why + ".");
}

}  // namespace

std::string_view TriggerName(Trigger t) {
  switch (t) {
    case Trigger::kPreSignUp: return "PreSignUp";
    case Trigger::kPostConfirmation: return "PostConfirmation";
    case Trigger::kPreAuthentication: return "PreAuthentication";
    case Trigger::kPostAuthentication: return "PostAuthentication";
    case Trigger::kDefineAuthChallenge: return "DefineAuthChallenge";
    case Trigger::kCreateAuthChallenge: return "CreateAuthChallenge";
    case Trigger::kVerifyAuthChallengeResponse: return "VerifyAuthChallengeResponse";
    case Trigger::kPreTokenGeneration: return "PreTokenGeneration";
    case Trigger::kUserMigration: return "UserMigration";
    case Trigger::kCustomMessage: return "CustomMessage";
    case Trigger::kCustomSmsSender: return "CustomSMSSender";
    case Trigger::kCustomEmailSender: return "CustomEmailSender";
  }
  return "";
}

bool HasTrigger(const PoolSettings& pool, Trigger t) {
  return pool.triggers.count(std::string(TriggerName(t))) != 0;
}

std::optional<Json> RunTrigger(const Env& env, const storage::PoolRecord& pool,
                               const PoolSettings& settings, const TriggerCall& call) {
  const std::string_view name = TriggerName(call.trigger);
  auto arn = settings.triggers.find(std::string(name));
  if (arn == settings.triggers.end()) {
    return std::nullopt;
  }
  if (env.triggers == nullptr) {
    Unexpected(name, "no way to call " + arn->second +
                         " is configured (see --lambda-endpoint and --trigger-urls)");
  }
  const Json event{{"version", call.version},
                   {"region", RegionOf(pool.id)},
                   {"userPoolId", pool.id},
                   {"userName", call.username},
                   {"callerContext", {{"awsSdkVersion", kSdkVersion}, {"clientId", call.client_id}}},
                   {"triggerSource", call.source},
                   {"request", call.request},
                   {"response", call.response}};
  Log(LogLevel::kDebug, "invoking " + std::string(name) + " " + arn->second + " for " + call.source);
  const InvokeResult result = env.triggers->Invoke(arn->second, event.dump());
  switch (result.status) {
    case InvokeResult::Status::kOk:
      break;
    case InvokeResult::Status::kFunctionError:
      throw CognitoError(ErrorCode::kUserLambdaValidation,
                         std::string(name) + " failed with error " + result.body + ".");
    case InvokeResult::Status::kTimeout:
      Unexpected(name, "Socket timeout while invoking Lambda function");
    case InvokeResult::Status::kUnreachable:
      Unexpected(name, result.body);
  }
  const Json answer = Json::parse(result.body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) {
    InvalidLambdaResponse();
  }
  auto response = answer.find("response");
  if (response == answer.end() || response->is_null()) {
    return Json::object();
  }
  if (!response->is_object()) {
    InvalidLambdaResponse();
  }
  return *response;
}

void RunTriggerAfterCommit(Context& ctx, const storage::PoolRecord& pool,
                           const PoolSettings& settings, TriggerCall call) {
  if (!HasTrigger(settings, call.trigger)) {
    return;
  }
  ctx.after_commit.push_back([&env = ctx.env, pool, settings, call = std::move(call)] {
    RunTrigger(env, pool, settings, call);
  });
}

void RunPostConfirmation(Context& ctx, const storage::PoolRecord& pool,
                         const PoolSettings& settings, const storage::UserRecord& user,
                         const char* source, const std::string& client_id, const Json& input) {
  RunTriggerAfterCommit(ctx, pool, settings,
                        {Trigger::kPostConfirmation,
                         source,
                         user.username,
                         client_id,
                         {{"userAttributes", TriggerUserAttributes(user)},
                          {"clientMetadata", ClientMetadataOf(input)}}});
}

void InvalidLambdaResponse() {
  throw CognitoError(ErrorCode::kInvalidLambdaResponse, "Unrecognizable lambda output");
}

bool ResponseBool(const Json& response, const char* name, bool fallback) {
  auto it = response.find(name);
  if (it == response.end() || it->is_null()) {
    return fallback;
  }
  if (!it->is_boolean()) {
    InvalidLambdaResponse();
  }
  return it->get<bool>();
}

std::string ResponseString(const Json& response, const char* name) {
  auto it = response.find(name);
  if (it == response.end() || it->is_null()) {
    return "";
  }
  if (!it->is_string()) {
    InvalidLambdaResponse();
  }
  return it->get<std::string>();
}

Json ResponseStringMap(const Json& response, const char* name) {
  auto it = response.find(name);
  if (it == response.end() || it->is_null()) {
    return Json::object();
  }
  if (!it->is_object()) {
    InvalidLambdaResponse();
  }
  for (const auto& [key, value] : it->items()) {
    if (!value.is_string()) {
      InvalidLambdaResponse();
    }
  }
  return *it;
}

Json TriggerUserAttributes(const storage::UserRecord& user) {
  Json attributes{{"sub", user.sub}};
  for (const auto& [name, value] : user.attributes) {
    attributes[name] = value;
  }
  attributes["cognito:user_status"] = user.status;
  return attributes;
}

Json ClientMetadataOf(const Json& input) {
  auto it = input.find("ClientMetadata");
  return it != input.end() && it->is_object() ? *it : Json::object();
}

Json ValidationDataOf(const Json& input) {
  Json out = Json::object();
  auto list = input.find("ValidationData");
  if (list == input.end() || !list->is_array()) {
    return out;
  }
  for (const auto& item : *list) {
    if (item.is_object() && item.contains("Name") && item["Name"].is_string()) {
      auto value = item.find("Value");
      out[item["Name"].get<std::string>()] =
          value != item.end() && value->is_string() ? value->get<std::string>() : "";
    }
  }
  return out;
}

Json AttributeMap(const storage::UserRecord& user) {
  Json attributes = Json::object();
  for (const auto& [name, value] : user.attributes) {
    attributes[name] = value;
  }
  return attributes;
}

}  // namespace cognito::actions
