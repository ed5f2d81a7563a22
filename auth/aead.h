// AES-256-GCM authenticated encryption (NIST SP 800-38D): 32-byte key, 12-byte IV, 16-byte tag.
// Pure functions on raw bytes, safe from any thread. A key or IV of the wrong size is a
// programming error (std::invalid_argument); a ciphertext that does not authenticate is
// reported as std::nullopt, never as an exception.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cognito::auth {

inline constexpr size_t kAesGcmKeyBytes = 32;
inline constexpr size_t kAesGcmIvBytes = 12;
inline constexpr size_t kAesGcmTagBytes = 16;

struct Sealed {
  std::string ciphertext;  // as long as the plaintext
  std::string tag;         // kAesGcmTagBytes
};

// Encrypts plaintext and authenticates it together with aad. Never reuse an IV with one key.
Sealed AesGcmSeal(std::string_view key, std::string_view iv, std::string_view aad,
                  std::string_view plaintext);

// The plaintext, or nullopt when the tag does not match (a changed ciphertext, IV, aad or tag,
// another key) or the tag has the wrong size.
std::optional<std::string> AesGcmOpen(std::string_view key, std::string_view iv,
                                      std::string_view aad, std::string_view ciphertext,
                                      std::string_view tag);

}  // namespace cognito::auth
