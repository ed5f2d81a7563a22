// Cognito user-pool password policy: conformance check and temporary password generation.
// Pure functions over plain values; safe from any thread (GenerateTemporaryPassword draws only
// from the injected Random, which is itself thread-safe).
#pragma once

#include <string>
#include <string_view>

#include "auth/random.h"

namespace cognito::auth {

struct PasswordPolicy {
  int minimum_length = 8;
  bool require_uppercase = true;
  bool require_lowercase = true;
  bool require_numbers = true;
  bool require_symbols = true;
  int temporary_password_validity_days = 7;
};

// Empty when the password conforms; otherwise the first failing rule's Cognito reason text, in
// this order: "Password not long enough", "Password must have lowercase characters",
// "Password must have uppercase characters", "Password must have numeric characters",
// "Password must have symbol characters". The caller adds the operation's prefix.
// Length counts Unicode code points of the UTF-8 text; letters and digits are ASCII only;
// symbols are ^$*.[]{}()?-"!@#%&/\,><':;|_~`+= and a space that is not leading or trailing.
std::string PasswordPolicyViolation(const PasswordPolicy& policy, std::string_view password);

// A random password of max(minimum_length, 8) characters that has an uppercase letter, a
// lowercase letter, a digit and a symbol, so it satisfies the policy whatever it requires.
// Symbols are drawn from a subset that needs no quoting in shells or JSON.
std::string GenerateTemporaryPassword(const PasswordPolicy& policy, Random& random);

}  // namespace cognito::auth
