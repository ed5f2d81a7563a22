// The client side of Cognito's SRP for tests, built from the auth/srp primitives the way
// amazon-cognito-identity-js computes it.
#pragma once

#include <string>

#include "auth/crypto.h"
#include "auth/random.h"
#include "auth/srp.h"
#include "server/actions/context.h"

namespace cognito::actions::testing {

class SrpClient {
 public:
  explicit SrpClient(auth::Random& random) : a_(random.Bytes(128)), A_(auth::SrpClientPublic(a_)) {}

  std::string SrpA() const { return auth::HexEncode(A_); }

  // The PASSWORD_VERIFIER ChallengeResponses for `challenge_parameters`.
  Json Answer(const Json& params, const std::string& pool_id, const std::string& password,
              const std::string& timestamp) const {
    const std::string pool_name = pool_id.substr(pool_id.find('_') + 1);
    const std::string user_id = params["USER_ID_FOR_SRP"];
    const std::string salt = *auth::SrpParseHexInt(params["SALT"].get<std::string>());
    const std::string B = *auth::SrpParseHexInt(params["SRP_B"].get<std::string>());
    const std::string x = auth::SrpComputeX(salt, pool_name, user_id, password);
    const std::string S = *auth::SrpClientPremaster(a_, B, x);
    const std::string key = auth::SrpDeriveKey(auth::SrpComputeU(A_, B), S);
    const std::string block = params["SECRET_BLOCK"];
    return Json{{"USERNAME", user_id},
                {"PASSWORD_CLAIM_SECRET_BLOCK", block},
                {"TIMESTAMP", timestamp},
                {"PASSWORD_CLAIM_SIGNATURE",
                 auth::SrpSignature(key, pool_name, user_id, *auth::Base64Decode(block), timestamp)}};
  }

 private:
  std::string a_;
  std::string A_;
};

}  // namespace cognito::actions::testing
