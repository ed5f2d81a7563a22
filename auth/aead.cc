#include "auth/aead.h"

#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

namespace cognito::auth {
namespace {

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

int Length(std::string_view s) {
  if (s.size() > static_cast<size_t>(INT32_MAX)) {
    throw std::invalid_argument("AES-GCM input too long");
  }
  return static_cast<int>(s.size());
}

// A context set up for one operation with key and IV, aad already fed in.
CipherCtxPtr Start(bool encrypt, std::string_view key, std::string_view iv, std::string_view aad) {
  if (key.size() != kAesGcmKeyBytes || iv.size() != kAesGcmIvBytes) {
    throw std::invalid_argument("AES-256-GCM needs a 32-byte key and a 12-byte IV");
  }
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int unused = 0;
  // 12 bytes is GCM's default IV length, so no EVP_CTRL_GCM_SET_IVLEN is needed.
  if (!ctx ||
      EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key), Bytes(iv),
                        encrypt ? 1 : 0) != 1 ||
      (!aad.empty() &&
       EVP_CipherUpdate(ctx.get(), nullptr, &unused, Bytes(aad), Length(aad)) != 1)) {
    throw std::runtime_error("AES-GCM setup failed");
  }
  return ctx;
}

}  // namespace

Sealed AesGcmSeal(std::string_view key, std::string_view iv, std::string_view aad,
                  std::string_view plaintext) {
  CipherCtxPtr ctx = Start(true, key, iv, aad);
  Sealed out{std::string(plaintext.size(), '\0'), std::string(kAesGcmTagBytes, '\0')};
  int len = 0;
  int final_len = 0;
  if ((!plaintext.empty() && EVP_CipherUpdate(ctx.get(), Bytes(out.ciphertext), &len,
                                              Bytes(plaintext), Length(plaintext)) != 1) ||
      EVP_CipherFinal_ex(ctx.get(), Bytes(out.ciphertext) + len, &final_len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kAesGcmTagBytes, Bytes(out.tag)) !=
          1) {
    throw std::runtime_error("AES-GCM encryption failed");
  }
  return out;
}

std::optional<std::string> AesGcmOpen(std::string_view key, std::string_view iv,
                                      std::string_view aad, std::string_view ciphertext,
                                      std::string_view tag) {
  if (tag.size() != kAesGcmTagBytes) {
    return std::nullopt;
  }
  CipherCtxPtr ctx = Start(false, key, iv, aad);
  std::string plain(ciphertext.size(), '\0');
  std::string expected(tag);
  int len = 0;
  int final_len = 0;
  if (!ciphertext.empty() && EVP_CipherUpdate(ctx.get(), Bytes(plain), &len, Bytes(ciphertext),
                                              Length(ciphertext)) != 1) {
    return std::nullopt;
  }
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kAesGcmTagBytes, Bytes(expected)) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), Bytes(plain) + len, &final_len) != 1) {
    return std::nullopt;  // the tag did not authenticate
  }
  return plain;
}

}  // namespace cognito::auth
