// What the client-authorised user operations share (SignUp, ConfirmSignUp,
// ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword): they name an app client
// instead of a pool, carry the SecretHash of Username when the client has a secret, and answer
// unknown users according to the client's PreventUserExistenceErrors.
#pragma once

#include "server/actions/context.h"
#include "server/actions/error.h"
#include "server/actions/sign_in.h"

namespace cognito::actions {

// The client (ResourceNotFoundException when unknown) and its pool; checks SecretHash against
// Username as the sign-in flows check SECRET_HASH.
ClientScope OpenSelfService(Context& ctx, const Json& input);

// UserNotFoundException "Username/client id combination not found." (the LEGACY answer).
CognitoError UnknownUsernameForClient();

}  // namespace cognito::actions
