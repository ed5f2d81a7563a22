#include <stdexcept>

#include "server/actions/actions.h"
#include "server/actions/client_document.h"
#include "server/actions/error.h"
#include "server/actions/fields.h"
#include "server/actions/pool_document.h"
#include "server/actions/settings.h"

namespace cognito::actions {

namespace {

constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr size_t kClientIdLength = 26;
constexpr size_t kSecretLength = 51;
constexpr int kIdAttempts = 16;

// Client ids are unique across pools; a collision is vanishingly rare but cheap to rule out.
// A seed file names its own id instead.
std::string NewClientId(Context& ctx) {
  if (!ctx.fixed_id.empty()) {
    if (ctx.store.GetClient(ctx.fixed_id)) {
      throw CognitoError::InvalidParameter("User pool client " + ctx.fixed_id + " already exists.");
    }
    return ctx.fixed_id;
  }
  for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
    std::string id = ctx.env.random.FromAlphabet(kAlphabet, kClientIdLength);
    if (!ctx.store.GetClient(id)) {
      return id;
    }
  }
  throw std::runtime_error("no free app client id found");
}

std::string NewSecret(Context& ctx, const Json& input) {
  const bool generate = OptBool(input, "GenerateSecret").value_or(false);
  std::optional<std::string> given = OptStr(input, "ClientSecret");
  if (generate && given) {
    throw CognitoError::InvalidParameter(
        "You cannot specify both GenerateSecret as true and a ClientSecret value.");
  }
  if (given) {
    return *given;
  }
  return generate ? ctx.env.random.FromAlphabet(kAlphabet, kSecretLength) : std::string();
}

}  // namespace

Json CreateUserPoolClient(Context& ctx, const Json& input) {
  const storage::PoolRecord& pool = RequirePool(ctx, Str(input, "UserPoolId"));
  const Json pool_doc = ParseStoredDocument(pool.description_json);
  storage::ClientRecord client;
  client.description_json = NewClientDocument(input, pool_doc, ClientOperation::kCreate).dump();
  client.pool_id = pool.id;
  client.name = Str(input, "ClientName");
  client.secret = NewSecret(ctx, input);
  client.client_id = NewClientId(ctx);
  client.created_ms = ctx.env.clock.NowMillis();
  client.modified_ms = client.created_ms;
  ctx.store.InsertClient(client);
  return {{"UserPoolClient", ClientDescription(client)}};
}

}  // namespace cognito::actions
