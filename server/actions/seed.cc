#include <regex>
#include <stdexcept>

#include "server/actions/service.h"

namespace cognito::actions {

namespace {

const Json& Array(const Json& parent, const char* name) {
  static const Json kEmpty = Json::array();
  auto it = parent.find(name);
  if (it == parent.end() || it->is_null()) {
    return kEmpty;
  }
  if (!it->is_array()) {
    throw std::runtime_error(std::string("seed: ") + name + " must be a list");
  }
  return *it;
}

std::string RequiredString(const Json& entry, const char* name, const std::string& where) {
  auto it = entry.find(name);
  if (it == entry.end() || !it->is_string()) {
    throw std::runtime_error("seed: " + where + " needs a string " + name);
  }
  return it->get<std::string>();
}

// The id formats of the API model (UserPoolIdType, ClientIdType).
void CheckId(const std::string& id, const std::regex& pattern, size_t max, const std::string& what) {
  if (id.empty() || id.size() > max || !std::regex_match(id, pattern)) {
    throw std::runtime_error("seed: " + what + " id '" + id + "' is not a valid id");
  }
}

Json Without(Json entry, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    entry.erase(n);
  }
  return entry;
}

}  // namespace

void Service::ApplySeed(const Json& seed) {
  if (!seed.is_object()) {
    throw std::runtime_error("seed: the document must be a JSON object");
  }
  auto check = [](const ApiResponse& r, const std::string& where) {
    if (r.status != 200) {
      throw std::runtime_error("seed: " + where + ": " + r.error_type + ": " + r.error_message);
    }
  };
  for (const Json& pool : Array(seed, "UserPools")) {
    const std::string id = RequiredString(pool, "Id", "a user pool");
    static const std::regex kPoolId(R"([\w-]+_[0-9a-zA-Z]+)");
    CheckId(id, kPoolId, 55, "user pool");
    const std::string where = "pool " + id;
    if (Call("DescribeUserPool", {{"UserPoolId", id}}).status != 200) {
      check(CallWithId("CreateUserPool", Without(pool, {"Id", "Clients", "Users", "MfaConfig"}), id),
            where);
      if (pool.contains("MfaConfig")) {
        if (!pool["MfaConfig"].is_object()) {
          throw std::runtime_error("seed: " + where + " MfaConfig must be an object");
        }
        Json config = pool["MfaConfig"];
        config["UserPoolId"] = id;
        check(Call("SetUserPoolMfaConfig", config), where + " MfaConfig");
      }
    }
    for (const Json& client : Array(pool, "Clients")) {
      const std::string client_id = RequiredString(client, "ClientId", where + " client");
      static const std::regex kClientId(R"([\w+]+)");
      CheckId(client_id, kClientId, 128, "app client");
      Json input = Without(client, {"ClientId"});
      input["UserPoolId"] = id;
      if (Call("DescribeUserPoolClient", {{"UserPoolId", id}, {"ClientId", client_id}}).status != 200) {
        check(CallWithId("CreateUserPoolClient", input, client_id), where + " client " + client_id);
      }
    }
    for (const Json& user : Array(pool, "Users")) {
      const std::string username = RequiredString(user, "Username", where + " user");
      const std::string user_where = where + " user " + username;
      if (Call("AdminGetUser", {{"UserPoolId", id}, {"Username", username}}).status == 200) {
        continue;
      }
      Json input{{"UserPoolId", id}, {"Username", username}, {"MessageAction", "SUPPRESS"}};
      if (user.contains("Attributes")) {
        input["UserAttributes"] = user["Attributes"];
      }
      const bool permanent = user.contains("Password");
      input["TemporaryPassword"] =
          RequiredString(user, permanent ? "Password" : "TemporaryPassword", user_where);
      check(Call("AdminCreateUser", input), user_where);
      if (permanent) {
        check(Call("AdminSetUserPassword", {{"UserPoolId", id}, {"Username", username},
                                            {"Password", input["TemporaryPassword"]},
                                            {"Permanent", true}}),
              user_where);
      }
    }
  }
}

}  // namespace cognito::actions
