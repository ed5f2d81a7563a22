#include "server/actions/fields.h"

#include "auth/crypto.h"

#include "server/actions/error.h"

namespace cognito::actions {

const Json* OptMember(const Json& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end() || it->is_null()) {
    return nullptr;
  }
  return &*it;
}

std::string Str(const Json& in, const char* name) {
  const Json* v = OptMember(in, name);
  if (v == nullptr || !v->is_string()) {
    throw CognitoError::InvalidParameter(std::string("1 validation error detected: Value null at '") +
                                         name + "' failed to satisfy constraint: Member must not be null");
  }
  return v->get<std::string>();
}

std::optional<std::string> OptStr(const Json& in, const char* name) {
  const Json* v = OptMember(in, name);
  if (v == nullptr || !v->is_string()) {
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<int64_t> OptInt(const Json& in, const char* name) {
  const Json* v = OptMember(in, name);
  if (v == nullptr || !v->is_number_integer()) {
    return std::nullopt;
  }
  return v->get<int64_t>();
}

std::optional<bool> OptBool(const Json& in, const char* name) {
  const Json* v = OptMember(in, name);
  if (v == nullptr || !v->is_boolean()) {
    return std::nullopt;
  }
  return v->get<bool>();
}

std::map<std::string, std::string> StrMap(const Json& in, const char* name) {
  std::map<std::string, std::string> out;
  const Json* v = OptMember(in, name);
  if (v == nullptr || !v->is_object()) {
    return out;
  }
  for (const auto& [key, value] : v->items()) {
    if (value.is_string()) {
      out.emplace(key, value.get<std::string>());
    }
  }
  return out;
}

Json Timestamp(int64_t millis) {
  if (millis % 1000 == 0) {
    return millis / 1000;
  }
  return static_cast<double>(millis) / 1000.0;
}

std::string PaginationAfter(const Json& in) {
  const auto token = OptStr(in, "PaginationToken");
  if (!token) {
    return "";
  }
  auto decoded = auth::Base64UrlDecode(*token);
  if (!decoded || decoded->empty()) {
    throw CognitoError::InvalidParameter("Invalid pagination token");
  }
  return std::move(*decoded);
}

}  // namespace cognito::actions
