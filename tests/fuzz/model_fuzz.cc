// Fuzz target: request validation against the API model, for every operation. Line 1 names the
// operation (an unknown name picks one by its hash, so every operation is reachable from any
// bytes); the rest is the JSON request body, validated when it is an object.
// Invariants: Validate never throws; its answer is empty or Cognito's "N validation error(s)
// detected: ..." text; it is deterministic; and the value of a sensitive top-level member never
// shows up in the message (unless the same text comes from elsewhere in the input).
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/actions/model.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using cognito::actions::Model;
using cognito::fuzz::Require;
using Json = nlohmann::json;

constexpr size_t kMinSecretLength = 12;
constexpr std::array<std::string_view, 11> kSensitiveMembers = {
    "Password", "PreviousPassword", "ProposedPassword", "AccessToken", "RefreshToken", "Token",
    "ClientSecret", "SecretHash", "Session", "Username", "ClientId"};

const std::vector<std::string>& OperationNames() {
  static const std::vector<std::string> names = [] {
    const Json model = Json::parse(cognito::actions::kModelJson);
    std::vector<std::string> out;
    for (const auto& [name, operation] : model.at("operations").items()) {
      out.push_back(name);
    }
    Require(!out.empty(), "the embedded model has no operations");
    return out;
  }();
  return names;
}

// FNV-1a: a stable choice of operation for a name the model does not know.
uint64_t Hash(std::string_view text) {
  uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash = (hash ^ static_cast<uint8_t>(c)) * 1099511628211ULL;
  }
  return hash;
}

bool LooksSecret(std::string_view value) {
  const bool digit = std::any_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool letter = std::any_of(value.begin(), value.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  return value.size() >= kMinSecretLength && digit && letter;
}

void CheckMessage(const std::string& message, const std::string& name) {
  if (message.empty()) {
    return;
  }
  const size_t space = message.find(' ');
  Require(space != std::string::npos && space > 0, "message without a count", message);
  const std::string count = message.substr(0, space);
  Require(std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
              count != "0",
          "message without a count", message);
  const std::string_view rest = std::string_view(message).substr(space);
  const std::string_view expected =
      count == "1" ? " validation error detected: " : " validation errors detected: ";
  Require(rest.substr(0, expected.size()) == expected, "message format", name + ": " + message);
}

void CheckHidden(const Model& model, const Model::Operation& op, const Json& input,
                 const std::string& message) {
  for (const std::string_view member : kSensitiveMembers) {
    const auto it = input.find(member);
    if (it == input.end() || !it->is_string()) {
      continue;
    }
    const std::string& value = it->get_ref<const std::string&>();
    if (!LooksSecret(value) || message.find(value) == std::string::npos) {
      continue;
    }
    Json without = input;
    without.erase(std::string(member));
    Require(model.Validate(op, without).find(value) != std::string::npos,
            "a sensitive member's value shows in the message", std::string(member) + ": " + message);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string name(cognito::fuzz::TakeLine(input));
  const Model& model = Model::Get();
  const Model::Operation* op = model.FindOperation(name);
  const std::vector<std::string>& names = OperationNames();
  const std::string& chosen = op != nullptr ? name : names[Hash(name) % names.size()];
  op = model.FindOperation(chosen);
  Require(op != nullptr, "operation list and model disagree", chosen);
  const Json body = Json::parse(input, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return 0;
  }
  const std::string message = model.Validate(*op, body);
  CheckMessage(message, chosen);
  Require(model.Validate(*op, body) == message, "validation is not deterministic", chosen);
  CheckHidden(model, *op, body, message);
  return 0;
}
