// Request validation against the cognito-idp API model (botocore's service-2.json, reduced by
// model/generate.py into model_data.cc). Validation runs before any handler, so handlers can
// rely on required members being present and every present member having the model's type,
// length, range, pattern and enum constraints. Messages follow Cognito's format:
//   "1 validation error detected: Value 'x' at 'userPoolId' failed to satisfy constraint: ..."
// The Model is immutable after construction and safe to share between threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace cognito::actions {

extern const char* const kModelJson;

class Model {
 public:
  struct Operation {
    int input_shape = -1;
    bool unsigned_op = false;  // callable without SigV4 (authtype none)
  };

  // Parses the embedded model. Throws std::runtime_error if the embedded data is broken.
  static const Model& Get();

  const Operation* FindOperation(const std::string& name) const;

  // The top-level input members of an operation (for tests that probe every action).
  struct MemberInfo {
    std::string name;
    std::string type;  // "string", "integer", "boolean", "list", "structure", ...
    bool required = false;
    std::optional<int64_t> max;
  };
  std::vector<MemberInfo> InputMembers(const Operation& op) const;
  // Returns the empty string when `input` satisfies the operation's input shape, else the full
  // InvalidParameterException message.
  std::string Validate(const Operation& op, const nlohmann::json& input) const;

  Model();
  ~Model();

 private:
  struct Shape;
  // `hidden`: the value sits inside a sensitive member, so messages must not show it.
  void Check(const Shape& shape, const nlohmann::json& value, const std::string& path,
             std::vector<std::string>& errors, bool hidden) const;
  void CheckString(const Shape& shape, const nlohmann::json& value, const std::string& path,
                   std::vector<std::string>& errors, bool hidden) const;
  void CheckStructure(const Shape& shape, const nlohmann::json& value, const std::string& path,
                      std::vector<std::string>& errors) const;
  static bool MatchesRegex(const Shape& shape, const std::string& text);

  std::vector<Shape> shapes_;
  std::map<std::string, Operation, std::less<>> operations_;
};

}  // namespace cognito::actions
