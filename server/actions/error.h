// The one error type of the actions layer. Handlers throw CognitoError; the dispatcher turns it
// into {"__type": ..., "message": ...} with the status from the table in error.cc. Every
// client error is 400; only InternalError is 500.
#pragma once

#include <exception>
#include <string>

namespace cognito::actions {

enum class ErrorCode {
  kAliasExists,
  kCodeDeliveryFailure,
  kCodeMismatch,
  kDeviceKeyExists,
  kEnableSoftwareTokenMfa,
  kExpiredCode,
  kGroupExists,
  kInternalError,
  kInvalidLambdaResponse,
  kInvalidParameter,
  kInvalidPassword,
  kInvalidUserPoolConfiguration,
  kLimitExceeded,
  kMissingAuthenticationToken,
  kNotAuthorized,
  kPasswordResetRequired,
  kRefreshTokenReuse,
  kResourceNotFound,
  kSerialization,
  kSoftwareTokenMfaNotFound,
  kTooManyRequests,
  kUnexpectedLambda,
  kUnauthorized,
  kUnknownOperation,
  kUnsupportedOperation,
  kUnsupportedTokenType,
  kUserLambdaValidation,
  kUserNotConfirmed,
  kUserNotFound,
  kUsernameExists,
};

class CognitoError : public std::exception {
 public:
  CognitoError(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const char* what() const noexcept override { return message_.c_str(); }
  // The wire name, e.g. "NotAuthorizedException".
  const char* type() const;
  unsigned status() const;

  static CognitoError InvalidParameter(std::string message) {
    return {ErrorCode::kInvalidParameter, std::move(message)};
  }
  static CognitoError NotAuthorized(std::string message) {
    return {ErrorCode::kNotAuthorized, std::move(message)};
  }
  static CognitoError ResourceNotFound(std::string message) {
    return {ErrorCode::kResourceNotFound, std::move(message)};
  }
  static CognitoError UserNotFound() { return {ErrorCode::kUserNotFound, "User does not exist."}; }
  static CognitoError PoolNotFound(const std::string& pool_id) {
    return ResourceNotFound("User pool " + pool_id + " does not exist.");
  }
  static CognitoError ClientNotFound(const std::string& client_id) {
    return ResourceNotFound("User pool client " + client_id + " does not exist.");
  }
  static CognitoError IncorrectCredentials() {
    return NotAuthorized("Incorrect username or password.");
  }
  static CognitoError MissingParameter(const std::string& name) {
    return InvalidParameter("Missing required parameter " + name);
  }
  static CognitoError CodeMismatch() {
    return {ErrorCode::kCodeMismatch, "Invalid code or auth state for the user."};
  }

 private:
  ErrorCode code_;
  std::string message_;
};

}  // namespace cognito::actions
