#include "server/actions/model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace cognito::actions {

using nlohmann::json;

namespace {

constexpr char kNonAscii = '\x01';  // stands for any non-ASCII code point (see generate.py)
// std::regex recurses per character; longer inputs are left to the length constraint.
constexpr size_t kMaxRegexInput = 4096;

enum class Type { kString, kInteger, kBoolean, kDouble, kTimestamp, kBlob, kList, kMap, kStruct };

Type ParseType(const std::string& t) {
  if (t == "string") return Type::kString;
  if (t == "integer" || t == "long") return Type::kInteger;
  if (t == "boolean") return Type::kBoolean;
  if (t == "double" || t == "float") return Type::kDouble;
  if (t == "timestamp") return Type::kTimestamp;
  if (t == "blob") return Type::kBlob;
  if (t == "list") return Type::kList;
  if (t == "map") return Type::kMap;
  return Type::kStruct;
}

const char* TypeName(Type t) {
  switch (t) {
    case Type::kString:
    case Type::kBlob:
      return "string";
    case Type::kInteger:
      return "integer";
    case Type::kBoolean:
      return "boolean";
    case Type::kDouble:
    case Type::kTimestamp:
      return "number";
    case Type::kList:
      return "list";
    case Type::kMap:
    case Type::kStruct:
      return "structure";
  }
  return "value";
}

// The number of UTF-8 code points in `s` (lead bytes and ASCII bytes), and whether all are ASCII.
size_t CodePoints(const std::string& s, bool& ascii) {
  size_t length = 0;
  unsigned char bits = 0;  // the OR of all bytes: the loop has no branch and vectorises
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    bits |= c;
    length += (c & 0xC0) != 0x80 ? 1 : 0;
  }
  ascii = bits < 0x80;
  return length;
}

// Maps each non-ASCII UTF-8 code point to kNonAscii.
std::string FoldNonAscii(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if ((c & 0xC0) != 0x80) {  // lead byte: one code point
      out.push_back(kNonAscii);
    }
  }
  return out;
}

std::string LowerFirst(const std::string& name) {
  std::string out = name;
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') {
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  }
  return out;
}

// Values are echoed as Cognito does, but cut short so a huge value cannot bloat the answer.
constexpr size_t kMaxDisplay = 256;

std::string Display(const json& value) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    return s.size() <= kMaxDisplay ? s : s.substr(0, kMaxDisplay) + "...";
  }
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i) {
      out += (i ? ", " : "") + Display(value[i]);
    }
    return out + "]";
  }
  return value.dump();
}

}  // namespace

struct Model::Shape {
  Type type = Type::kStruct;
  std::optional<int64_t> min, max;
  std::vector<std::string> enum_values;
  bool sensitive = false;
  std::string pattern;  // as in the model, for messages
  std::array<bool, 256> chars{};  // by byte; non-ASCII bytes are never allowed
  size_t chars_min = 0;
  bool has_chars = false;
  std::unique_ptr<std::regex> regex;
  struct Member {
    std::string name;
    int shape;
    bool required;
  };
  std::vector<Member> members;
  int element = -1;  // list member / map value
  int key = -1;      // map key
};

Model::Model() {
  const json doc = json::parse(kModelJson);
  std::map<std::string, int> index;
  for (const auto& [name, _] : doc.at("shapes").items()) {
    index.emplace(name, static_cast<int>(index.size()));
  }
  shapes_.resize(index.size());
  for (const auto& [name, s] : doc.at("shapes").items()) {
    Shape& shape = shapes_[static_cast<size_t>(index.at(name))];
    shape.type = ParseType(s.at("type").get<std::string>());
    if (s.contains("min")) shape.min = s["min"].get<int64_t>();
    if (s.contains("max")) shape.max = s["max"].get<int64_t>();
    if (s.contains("enum")) shape.enum_values = s["enum"].get<std::vector<std::string>>();
    shape.sensitive = s.value("sensitive", false);
    if (s.contains("pattern")) {
      shape.pattern = s["pattern"].get<std::string>();
      const json& match = s.at("match");
      if (match.contains("chars")) {
        shape.has_chars = true;
        shape.chars_min = match["min"].get<size_t>();
        for (char c : match["chars"].get<std::string>()) {
          shape.chars[static_cast<unsigned char>(c) & 0x7f] = true;
        }
      } else {
        shape.regex = std::make_unique<std::regex>(match["regex"].get<std::string>(),
                                                   std::regex::ECMAScript | std::regex::optimize);
      }
    }
    for (const auto& m : s.value("members", json::array())) {
      shape.members.push_back({m[0].get<std::string>(), index.at(m[1].get<std::string>()),
                               m[2].get<bool>()});
    }
    if (s.contains("member")) shape.element = index.at(s["member"].get<std::string>());
    if (s.contains("value")) shape.element = index.at(s["value"].get<std::string>());
    if (s.contains("key")) shape.key = index.at(s["key"].get<std::string>());
  }
  for (const auto& [name, op] : doc.at("operations").items()) {
    operations_.emplace(name, Operation{index.at(op.at("input").get<std::string>()),
                                        op.at("unsigned").get<bool>()});
  }
}

Model::~Model() = default;

const Model& Model::Get() {
  static const Model model;
  return model;
}

const Model::Operation* Model::FindOperation(const std::string& name) const {
  auto it = operations_.find(name);
  return it == operations_.end() ? nullptr : &it->second;
}

std::vector<Model::MemberInfo> Model::InputMembers(const Operation& op) const {
  std::vector<MemberInfo> out;
  for (const auto& m : shapes_[static_cast<size_t>(op.input_shape)].members) {
    const Shape& shape = shapes_[static_cast<size_t>(m.shape)];
    out.push_back({m.name, TypeName(shape.type), m.required, shape.max});
  }
  return out;
}

std::string Model::Validate(const Operation& op, const json& input) const {
  std::vector<std::string> errors;
  CheckStructure(shapes_[static_cast<size_t>(op.input_shape)], input, "", errors);
  if (errors.empty()) {
    return {};
  }
  std::string out = std::to_string(errors.size()) +
                    (errors.size() == 1 ? " validation error detected: "
                                        : " validation errors detected: ");
  for (size_t i = 0; i < errors.size(); ++i) {
    out += (i ? "; " : "") + errors[i];
  }
  return out;
}

void Model::CheckStructure(const Shape& shape, const json& value, const std::string& path,
                           std::vector<std::string>& errors) const {
  for (const auto& member : shape.members) {
    const std::string member_path = (path.empty() ? "" : path + ".") + LowerFirst(member.name);
    auto it = value.find(member.name);
    if (it == value.end() || it->is_null()) {
      if (member.required) {
        errors.push_back("Value null at '" + member_path +
                         "' failed to satisfy constraint: Member must not be null");
      }
      continue;
    }
    Check(shapes_[static_cast<size_t>(member.shape)], *it, member_path, errors, false);
  }
}

void Model::Check(const Shape& shape, const json& value, const std::string& path,
                  std::vector<std::string>& errors, bool hidden) const {
  hidden = hidden || shape.sensitive;
  const std::string prefix =
      hidden ? "Value at '" + path + "'" : "Value '" + Display(value) + "' at '" + path + "'";
  auto fail = [&](const std::string& why) {
    errors.push_back(prefix + " failed to satisfy constraint: " + why);
  };
  bool type_ok = false;
  switch (shape.type) {
    case Type::kString:
    case Type::kBlob:
      type_ok = value.is_string();
      break;
    case Type::kInteger:
      type_ok = value.is_number_integer();
      break;
    case Type::kBoolean:
      type_ok = value.is_boolean();
      break;
    case Type::kDouble:
    case Type::kTimestamp:
      type_ok = value.is_number();
      break;
    case Type::kList:
      type_ok = value.is_array();
      break;
    case Type::kMap:
    case Type::kStruct:
      type_ok = value.is_object();
      break;
  }
  if (!type_ok) {
    fail(std::string("Member must be of type ") + TypeName(shape.type));
    return;
  }
  switch (shape.type) {
    case Type::kString:
      CheckString(shape, value, path, errors, hidden);
      return;
    case Type::kInteger: {
      const auto v = value.get<int64_t>();
      if (shape.min && v < *shape.min) {
        fail("Member must have value greater than or equal to " + std::to_string(*shape.min));
      } else if (shape.max && v > *shape.max) {
        fail("Member must have value less than or equal to " + std::to_string(*shape.max));
      }
      return;
    }
    case Type::kList: {
      const auto n = static_cast<int64_t>(value.size());
      if (shape.min && n < *shape.min) {
        fail("Member must have length greater than or equal to " + std::to_string(*shape.min));
      } else if (shape.max && n > *shape.max) {
        fail("Member must have length less than or equal to " + std::to_string(*shape.max));
      }
      for (size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_null()) {
          Check(shapes_[static_cast<size_t>(shape.element)], value[i],
                path + "." + std::to_string(i + 1) + ".member", errors, hidden);
        }
      }
      return;
    }
    case Type::kMap:
      for (const auto& [k, v] : value.items()) {
        if (!v.is_null()) {  // null map values mean absent (amazon-cognito-identity-js sends them)
          Check(shapes_[static_cast<size_t>(shape.element)], v, path + "." + k, errors, hidden);
        }
      }
      return;
    case Type::kStruct:
      CheckStructure(shape, value, path, errors);
      return;
    default:
      return;
  }
}

// std::regex takes ~1 us even for a pool id, and the requests of a client name the same pool
// over and over: each thread remembers the last few strings that matched, with the pattern
// they matched (the pattern, not the shape's address, so no other model can share an entry).
bool Model::MatchesRegex(const Shape& shape, const std::string& text) {
  struct Match {
    std::string pattern;
    std::string text;
  };
  thread_local std::array<Match, 4> last;
  thread_local size_t next = 0;
  for (const Match& match : last) {
    if (match.text == text && match.pattern == shape.pattern) {
      return true;
    }
  }
  if (!std::regex_match(text, *shape.regex)) {
    return false;
  }
  Match& slot = last[next++ % last.size()];
  slot.pattern = shape.pattern;
  slot.text = text;
  return true;
}

// Runs for every string of every request (a 1 KB token included), so the valid case builds no
// message and copies nothing; only strings with non-ASCII code points are folded for matching.
void Model::CheckString(const Shape& shape, const json& value, const std::string& path,
                        std::vector<std::string>& errors, bool hidden) const {
  const auto& raw = value.get_ref<const std::string&>();
  bool ascii = true;
  const auto n = static_cast<int64_t>(CodePoints(raw, ascii));
  std::string why;
  if (shape.min && n < *shape.min) {
    why = "Member must have length greater than or equal to " + std::to_string(*shape.min);
  } else if (shape.max && n > *shape.max) {
    why = "Member must have length less than or equal to " + std::to_string(*shape.max);
  } else if (!shape.enum_values.empty()) {
    if (std::find(shape.enum_values.begin(), shape.enum_values.end(), raw) ==
        shape.enum_values.end()) {
      std::string list;
      for (const auto& e : shape.enum_values) {
        list += (list.empty() ? "" : ", ") + e;
      }
      why = "Member must satisfy enum value set: [" + list + "]";
    }
  } else if (shape.has_chars || shape.regex) {
    std::string folded_copy;
    const std::string& folded = ascii ? raw : (folded_copy = FoldNonAscii(raw));
    bool ok = true;
    if (shape.has_chars) {
      bool allowed = true;  // no early exit: a valid string (the usual case) is read whole
      for (char c : folded) {
        allowed &= shape.chars[static_cast<unsigned char>(c)];
      }
      ok = allowed && folded.size() >= shape.chars_min;
    } else if (folded.size() <= kMaxRegexInput) {
      ok = MatchesRegex(shape, folded);
    }
    if (!ok) {
      why = "Member must satisfy regular expression pattern: " + shape.pattern;
    }
  }
  if (!why.empty()) {
    const std::string prefix =
        hidden ? "Value at '" + path + "'" : "Value '" + Display(value) + "' at '" + path + "'";
    errors.push_back(prefix + " failed to satisfy constraint: " + why);
  }
}

}  // namespace cognito::actions
