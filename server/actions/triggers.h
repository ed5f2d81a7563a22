// User-pool Lambda triggers: the pool's LambdaConfig names a function per trigger; a trigger
// call builds Cognito's event, has the TriggerInvoker run the function and maps what comes back
// (or does not) to Cognito's errors. How a function is reached (the Lambda Invoke API, a plain
// HTTP URL) is the invoker's business (server/http/lambda_client.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/actions/context.h"
#include "server/actions/settings.h"
#include "storage/records.h"

namespace cognito::actions {

struct InvokeResult {
  enum class Status {
    kOk,             // body: the function's answer
    kFunctionError,  // body: the function's error message
    kTimeout,        // no answer in time
    kUnreachable,    // body: why the function could not be called
  };
  Status status = Status::kUnreachable;
  std::string body;
};

// Runs functions by ARN. Implementations are thread-safe and bound every call by a timeout.
class TriggerInvoker {
 public:
  virtual ~TriggerInvoker() = default;
  virtual InvokeResult Invoke(const std::string& function_arn, const std::string& event) = 0;
};

enum class Trigger {
  kPreSignUp,
  kPostConfirmation,
  kPreAuthentication,
  kPostAuthentication,
  kDefineAuthChallenge,
  kCreateAuthChallenge,
  kVerifyAuthChallengeResponse,
  kPreTokenGeneration,
  kUserMigration,
  kCustomMessage,
  kCustomSmsSender,
  kCustomEmailSender,
};

// The LambdaConfig member, also the name Cognito's error messages use ("PreSignUp").
std::string_view TriggerName(Trigger t);

// callerContext.clientId of admin actions, which name no app client.
inline constexpr const char* kNoClient = "CLIENT_ID_NOT_APPLICABLE";

// One invocation. `client_id` is "CLIENT_ID_NOT_APPLICABLE" for admin actions without a client.
struct TriggerCall {
  Trigger trigger;
  std::string source;  // triggerSource, e.g. "PreSignUp_SignUp"
  std::string username;
  std::string client_id;
  Json request;
  Json response = Json::object();
  std::string version = "1";
};

// Whether the pool configures a function for `t`.
bool HasTrigger(const PoolSettings& pool, Trigger t);

// Invokes the pool's function for `call.trigger` and returns the `response` object of its answer
// (an object; a missing or null response is {}); nullopt when the pool configures no function.
// Throws UserLambdaValidationException "<Trigger> failed with error <message>." when the
// function fails, UnexpectedLambdaException when it cannot be called or times out, and
// InvalidLambdaResponseException when its answer is not an event.
std::optional<Json> RunTrigger(const Env& env, const storage::PoolRecord& pool,
                               const PoolSettings& settings, const TriggerCall& call);

// RunTrigger once the action's writes are committed and its store released (Context::
// after_commit), for triggers that may call the emulator back (PostConfirmation,
// PostAuthentication). Does nothing when the pool configures no function for the trigger.
void RunTriggerAfterCommit(Context& ctx, const storage::PoolRecord& pool,
                           const PoolSettings& settings, TriggerCall call);

// PostConfirmation (`source` PostConfirmation_ConfirmSignUp / _ConfirmForgotPassword) after
// commit, with the request's ClientMetadata.
void RunPostConfirmation(Context& ctx, const storage::PoolRecord& pool,
                         const PoolSettings& settings, const storage::UserRecord& user,
                         const char* source, const std::string& client_id, const Json& input);

// Helpers for reading a trigger's response: a member of the expected type, or the default when
// absent or null; any other type is InvalidLambdaResponseException.
bool ResponseBool(const Json& response, const char* name, bool fallback = false);
std::string ResponseString(const Json& response, const char* name);
// A string-to-string map member ({} when absent or null).
Json ResponseStringMap(const Json& response, const char* name);
[[noreturn]] void InvalidLambdaResponse();

// The user's attributes as a trigger's request.userAttributes (with `sub`).
Json TriggerUserAttributes(const storage::UserRecord& user);
// ClientMetadata of a request, as the clientMetadata / validationData members ({} when absent).
Json ClientMetadataOf(const Json& input);
// ValidationData [{Name, Value}] of a request as a trigger's validationData {name: value}.
Json ValidationDataOf(const Json& input);
// The user's attributes as {name: value}, without `sub` (a user not yet created).
Json AttributeMap(const storage::UserRecord& user);

}  // namespace cognito::actions
