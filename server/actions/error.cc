#include "server/actions/error.h"

#include <iterator>

namespace cognito::actions {

namespace {

struct ErrorInfo {
  ErrorCode code;
  const char* type;
  unsigned status;
};

// One row per ErrorCode, in enum order.
constexpr ErrorInfo kErrors[] = {
    {ErrorCode::kAliasExists, "AliasExistsException", 400},
    {ErrorCode::kCodeDeliveryFailure, "CodeDeliveryFailureException", 400},
    {ErrorCode::kCodeMismatch, "CodeMismatchException", 400},
    {ErrorCode::kDeviceKeyExists, "DeviceKeyExistsException", 400},
    {ErrorCode::kEnableSoftwareTokenMfa, "EnableSoftwareTokenMFAException", 400},
    {ErrorCode::kExpiredCode, "ExpiredCodeException", 400},
    {ErrorCode::kGroupExists, "GroupExistsException", 400},
    {ErrorCode::kInternalError, "InternalErrorException", 500},
    {ErrorCode::kInvalidLambdaResponse, "InvalidLambdaResponseException", 400},
    {ErrorCode::kInvalidParameter, "InvalidParameterException", 400},
    {ErrorCode::kInvalidPassword, "InvalidPasswordException", 400},
    {ErrorCode::kInvalidUserPoolConfiguration, "InvalidUserPoolConfigurationException", 400},
    {ErrorCode::kLimitExceeded, "LimitExceededException", 400},
    {ErrorCode::kMissingAuthenticationToken, "MissingAuthenticationTokenException", 400},
    {ErrorCode::kNotAuthorized, "NotAuthorizedException", 400},
    {ErrorCode::kPasswordResetRequired, "PasswordResetRequiredException", 400},
    {ErrorCode::kRefreshTokenReuse, "RefreshTokenReuseException", 400},
    {ErrorCode::kResourceNotFound, "ResourceNotFoundException", 400},
    {ErrorCode::kSerialization, "SerializationException", 400},
    {ErrorCode::kSoftwareTokenMfaNotFound, "SoftwareTokenMFANotFoundException", 400},
    {ErrorCode::kTooManyRequests, "TooManyRequestsException", 400},
    {ErrorCode::kUnexpectedLambda, "UnexpectedLambdaException", 400},
    {ErrorCode::kUnauthorized, "UnauthorizedException", 400},
    {ErrorCode::kUnknownOperation, "UnknownOperationException", 400},
    {ErrorCode::kUnsupportedOperation, "UnsupportedOperationException", 400},
    {ErrorCode::kUnsupportedTokenType, "UnsupportedTokenTypeException", 400},
    {ErrorCode::kUserLambdaValidation, "UserLambdaValidationException", 400},
    {ErrorCode::kUserNotConfirmed, "UserNotConfirmedException", 400},
    {ErrorCode::kUserNotFound, "UserNotFoundException", 400},
    {ErrorCode::kUsernameExists, "UsernameExistsException", 400},
};

constexpr bool RowsInEnumOrder() {
  for (size_t i = 0; i < std::size(kErrors); ++i) {
    if (static_cast<size_t>(kErrors[i].code) != i) {
      return false;
    }
  }
  return std::size(kErrors) == static_cast<size_t>(ErrorCode::kUsernameExists) + 1;
}
static_assert(RowsInEnumOrder(), "kErrors needs one row per ErrorCode, in enum order");

const ErrorInfo& Info(ErrorCode code) { return kErrors[static_cast<size_t>(code)]; }

}  // namespace

const char* CognitoError::type() const { return Info(code_).type; }
unsigned CognitoError::status() const { return Info(code_).status; }

}  // namespace cognito::actions
