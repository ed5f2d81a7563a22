#include "server/actions/service.h"

#include <exception>
#include <mutex>

#include "server/actions/action_table.h"
#include "server/actions/error.h"
#include "server/actions/json_reader.h"
#include "server/actions/log.h"
#include "server/actions/model.h"
#include "server/actions/outbox.h"
#include "server/actions/triggers.h"
#include "server/actions/well_known.h"

namespace cognito::actions {

namespace {

constexpr std::string_view kTargetPrefix = "AWSCognitoIdentityProviderService.";

std::string PathOf(const std::string& target) { return target.substr(0, target.find('?')); }

// Makes a store refuse writes for a scope, so an action that should defer its writes cannot
// take the write lock during its compute phase by mistake.
class QueryOnly {
 public:
  explicit QueryOnly(storage::Store& store) : store_(store) { store_.SetQueryOnly(true); }
  ~QueryOnly() {
    try {
      store_.SetQueryOnly(false);
    } catch (...) {
      return;  // the connection is unusable anyway; the next use reports it
    }
  }
  QueryOnly(const QueryOnly&) = delete;
  QueryOnly& operator=(const QueryOnly&) = delete;

 private:
  storage::Store& store_;
};

// Deeper request documents are refused while parsing (the reader stops at the limit), before
// anything that recurses over a value (validation messages, dumps) could exhaust a worker's
// stack: one deeply nested body used to crash the process. The model's shapes nest far less.
constexpr int kMaxJsonDepth = 64;

// The body as JSON, or a discarded value when it is not JSON; throws when it nests too deeply.
Json ParseRequestBody(const std::string& body) {
  if (body.empty()) {
    return Json::object();
  }
  Json input;
  switch (ReadJson(body, kMaxJsonDepth, input)) {
    case JsonReadResult::kOk:
      break;
    case JsonReadResult::kTooDeep:
      throw CognitoError(ErrorCode::kSerialization,
                         "The request body nests deeper than " + std::to_string(kMaxJsonDepth) +
                             " levels");
    case JsonReadResult::kSyntaxError:
      return Json(Json::value_t::discarded);
  }
  return input;
}

KeyRing LoadKeys(storage::StorePool& stores) {
  auto lease = stores.Acquire();
  return KeyRing::LoadOrCreate(*lease);
}

}  // namespace

ApiResponse ErrorResponse(unsigned status, const std::string& type, const std::string& message) {
  ApiResponse r;
  r.status = status;
  r.error_type = type;
  r.error_message = message;
  // Messages may quote request bytes that are not UTF-8 (a header, the path): replace those
  // rather than throw, or the error answer itself would become a 500.
  r.body = Json{{"__type", type}, {"message", message}}.dump(-1, ' ', false,
                                                            Json::error_handler_t::replace);
  return r;
}

Service::Service(ServiceOptions options, const auth::Clock& clock, auth::Random& random)
    : stores_(options.db_path, options.stores),
      group_commit_(stores_.writers(), stores_.writer()),
      triggers_(std::move(options.triggers)),
      keys_(LoadKeys(stores_)),
      lockout_(options.settings.password_lockout),
      env_{clock, random, keys_, lockout_, std::move(options.settings), triggers_.get()} {}

Service::~Service() = default;

ApiResponse Service::Handle(const ApiRequest& request) { return Handle(request, ""); }

ApiResponse Service::Handle(const ApiRequest& request, const std::string& fixed_id) {
  try {
    if (IsOutboxPath(PathOf(request.target)) && request.method != "POST") {
      return ServeOutbox(stores_, request);
    }
    if (request.method == "POST") {
      return Dispatch(request, fixed_id);
    }
    if (request.method == "GET" || request.method == "HEAD") {
      return WellKnown(PathOf(request.target));
    }
    return ErrorResponse(404, "UnknownOperationException",
                         "No route for " + request.method + " " + PathOf(request.target));
  } catch (const CognitoError& e) {
    return ErrorResponse(e.status(), e.type(), e.message());
  } catch (const std::exception& e) {
    Log(LogLevel::kError, std::string("internal error: ") + e.what());
    return ErrorResponse(500, "InternalErrorException", "Internal error");
  }
}

bool Service::RunsInline(const ApiRequest& request) const {
  if (IsOutboxPath(PathOf(request.target))) {
    return false;
  }
  if (request.method != "POST") {
    return true;
  }
  const std::string_view target = request.amz_target;
  if (target.substr(0, kTargetPrefix.size()) != kTargetPrefix) {
    return true;
  }
  const ActionEntry* action = FindAction(target.substr(kTargetPrefix.size()));
  return action == nullptr || action->tx == Tx::kRead;
}

ApiResponse Service::Dispatch(const ApiRequest& request, const std::string& fixed_id) {
  const std::string& target = request.amz_target;
  if (target.compare(0, kTargetPrefix.size(), kTargetPrefix) != 0) {
    throw CognitoError(ErrorCode::kUnknownOperation,
                       target.empty() ? "Missing X-Amz-Target header"
                                      : "Unknown operation " + target.substr(0, 128));
  }
  const std::string name = target.substr(kTargetPrefix.size());
  const Model& model = Model::Get();
  const Model::Operation* op = model.FindOperation(name);
  if (op == nullptr) {
    throw CognitoError(ErrorCode::kUnknownOperation, "Unknown operation " + name.substr(0, 128));
  }
  Json input = ParseRequestBody(request.body);
  if (input.is_discarded() || !input.is_object()) {
    throw CognitoError(ErrorCode::kSerialization,
                       "The request body is not a valid JSON object");
  }
  if (!op->unsigned_op && request.authorization.empty()) {
    throw CognitoError(ErrorCode::kMissingAuthenticationToken, "Missing Authentication Token");
  }
  if (std::string problem = model.Validate(*op, input); !problem.empty()) {
    throw CognitoError::InvalidParameter(problem);
  }
  const ActionEntry* action = FindAction(name);
  if (action == nullptr) {
    throw CognitoError(ErrorCode::kUnsupportedOperation,
                       name + " is not implemented by cognito-emulator yet.");
  }
  ApiResponse response;
  response.body = Run(*action, input, fixed_id).dump();
  return response;
}

Json Service::Run(const ActionEntry& action, const Json& input, const std::string& fixed_id) {
  std::vector<std::function<void()>> after_commit;
  Json out = RunInStore(action, input, fixed_id, after_commit);
  for (const auto& work : after_commit) {
    work();
  }
  return out;
}

Json Service::RunInStore(const ActionEntry& action, const Json& input, const std::string& fixed_id,
                         std::vector<std::function<void()>>& after_commit) {
  auto lease = stores_.Acquire();
  Context ctx{*lease, env_, fixed_id};
  if (action.tx != Tx::kReadThenWrite) {
    std::unique_lock<std::mutex> writer(stores_.writers(), std::defer_lock);
    if (action.tx == Tx::kWrite) {
      writer.lock();
    }
    storage::Store::Transaction tx(*lease, action.tx == Tx::kWrite);
    try {
      Json out = action.fn(ctx, input);
      tx.Commit();
      after_commit = std::move(ctx.after_commit);
      return out;
    } catch (const CognitoError&) {
      if (ctx.commit_on_error) {
        tx.Commit();
      }
      throw;
    }
  }
  ctx.defer_writes = true;
  Json out;
  try {
    storage::Store::Transaction tx(*lease, false);
    QueryOnly guard(*lease);
    out = action.fn(ctx, input);
    tx.Commit();
  } catch (const CognitoError&) {
    if (ctx.commit_on_error) {
      group_commit_.Apply(*lease, ctx.deferred);
    }
    throw;
  }
  group_commit_.Apply(*lease, ctx.deferred);
  after_commit = std::move(ctx.after_commit);
  return out;
}

ApiResponse Service::Call(const std::string& action, const Json& input) {
  return CallWithId(action, input, "");
}

ApiResponse Service::CallWithId(const std::string& action, const Json& input,
                                const std::string& fixed_id) {
  ApiRequest request;
  request.method = "POST";
  request.target = "/";
  request.amz_target = std::string(kTargetPrefix) + action;
  request.authorization = "AWS4-HMAC-SHA256 Credential=internal";
  request.body = input.dump();
  return Handle(request, fixed_id);
}

ApiResponse Service::WellKnown(const std::string& path) {
  auto lease = stores_.Acquire();
  storage::Store::Transaction tx(*lease, false);
  Context ctx{*lease, env_};
  return ServeWellKnown(ctx, path);
}

}  // namespace cognito::actions
