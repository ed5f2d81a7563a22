// What every action handler receives. A Context lives for one request; the Env it points to is
// shared by all worker threads and is immutable (Clock and Random are thread-safe).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "auth/clock.h"
#include "auth/random.h"
#include "storage/store.h"

namespace cognito::actions {

class KeyRing;

struct Settings {
  std::string region = "us-east-1";
  // Base of the `iss` claim; the pool id is appended. Empty = the real Cognito form.
  std::string issuer_base;
};

struct Env {
  const auth::Clock& clock;
  auth::Random& random;
  const KeyRing& keys;
  Settings settings;
};

struct Context {
  storage::Store& store;
  const Env& env;
  // Set only while applying a seed file: the id CreateUserPool / CreateUserPoolClient must use
  // instead of generating one.
  std::string fixed_id = {};
};

using Json = nlohmann::json;
// An action: validated input in, output document out; failures throw CognitoError.
using ActionFn = Json (*)(Context& ctx, const Json& input);

}  // namespace cognito::actions
