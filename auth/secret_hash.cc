#include "auth/secret_hash.h"

#include "auth/crypto.h"

namespace cognito::auth {

std::string SecretHash(std::string_view username, std::string_view client_id,
                       std::string_view client_secret) {
  std::string message;
  message.reserve(username.size() + client_id.size());
  message.append(username);
  message.append(client_id);
  return Base64Encode(HmacSha256(client_secret, message));
}

bool VerifySecretHash(std::string_view given, std::string_view username, std::string_view client_id,
                      std::string_view client_secret) {
  return ConstantTimeEquals(given, SecretHash(username, client_id, client_secret));
}

}  // namespace cognito::auth
