// Cognito SECRET_HASH for app clients that have a client secret:
//   Base64(HMAC-SHA256(key = client_secret, msg = username || client_id))
// with all strings taken as their UTF-8 bytes. Pure functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace cognito::auth {

// The 44-character standard Base64 SECRET_HASH.
std::string SecretHash(std::string_view username, std::string_view client_id,
                       std::string_view client_secret);

// True when `given` equals SecretHash(...) exactly; the comparison runs in constant time.
bool VerifySecretHash(std::string_view given, std::string_view username, std::string_view client_id,
                      std::string_view client_secret);

}  // namespace cognito::auth
