#include "auth/password_policy.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace cognito::auth {
namespace {

constexpr std::string_view kSymbols = "^$*.[]{}()?-\"!@#%&/\\,><':;|_~`+=";
constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kSafeSymbols = "!#$%*+-.:=?@^_~";
constexpr int kMinGeneratedLength = 8;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Counts UTF-8 code points by skipping continuation bytes (10xxxxxx).
size_t CodePointCount(std::string_view text) {
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<uint8_t>(c) & 0xC0) != 0x80; }));
}

bool HasSymbol(std::string_view password) {
  for (size_t i = 0; i < password.size(); ++i) {
    const char c = password[i];
    if (c == ' ') {
      // Cognito counts an inner space as a symbol but never a leading or trailing one.
      if (i != 0 && i + 1 != password.size()) {
        return true;
      }
    } else if (kSymbols.find(c) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string PasswordPolicyViolation(const PasswordPolicy& policy, std::string_view password) {
  const bool long_enough = policy.minimum_length <= 0 ||
                           CodePointCount(password) >= static_cast<size_t>(policy.minimum_length);
  if (!long_enough) {
    return "Password not long enough";
  }
  if (policy.require_lowercase && std::none_of(password.begin(), password.end(), IsLower)) {
    return "Password must have lowercase characters";
  }
  if (policy.require_uppercase && std::none_of(password.begin(), password.end(), IsUpper)) {
    return "Password must have uppercase characters";
  }
  if (policy.require_numbers && std::none_of(password.begin(), password.end(), IsDigit)) {
    return "Password must have numeric characters";
  }
  if (policy.require_symbols && !HasSymbol(password)) {
    return "Password must have symbol characters";
  }
  return "";
}

std::string GenerateTemporaryPassword(const PasswordPolicy& policy, Random& random) {
  const size_t length = static_cast<size_t>(std::max(policy.minimum_length, kMinGeneratedLength));
  static const std::string kAll =
      std::string(kUpper) + std::string(kLower) + std::string(kDigits) + std::string(kSafeSymbols);
  std::string out;
  out.reserve(length);
  // One character of every class first, so every rule holds whatever the policy requires.
  for (std::string_view alphabet : {kUpper, kLower, kDigits, kSafeSymbols}) {
    out += random.FromAlphabet(alphabet, 1);
  }
  out += random.FromAlphabet(kAll, length - out.size());
  // Fisher-Yates, so the guaranteed characters do not always sit at the front.
  for (size_t i = out.size() - 1; i > 0; --i) {
    const size_t j = random.Uniform(static_cast<uint32_t>(i + 1));
    std::swap(out[i], out[j]);
  }
  return out;
}

}  // namespace cognito::auth
