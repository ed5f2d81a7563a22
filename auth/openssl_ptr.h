// RAII owners for the OpenSSL handles used by auth/. Each alias is a std::unique_ptr whose
// deleter calls the matching OpenSSL free function; a null pointer is never freed. BIGNUMs are
// released with BN_clear_free because many of them hold secrets (exponents, verifiers).
// Thread rules are OpenSSL's: an owned handle may be shared read-only, never mutated concurrently.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>

#include <memory>
#include <new>

namespace cognito::auth {

template <auto kFree>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* handle) const {
    kFree(handle);
  }
};

using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, OpenSslDeleter<BN_CTX_free>>;
using BnMontCtxPtr = std::unique_ptr<BN_MONT_CTX, OpenSslDeleter<BN_MONT_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX_free>>;
using EvpMdPtr = std::unique_ptr<EVP_MD, OpenSslDeleter<EVP_MD_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX_free>>;
using EvpMacPtr = std::unique_ptr<EVP_MAC, OpenSslDeleter<EVP_MAC_free>>;
using EvpMacCtxPtr = std::unique_ptr<EVP_MAC_CTX, OpenSslDeleter<EVP_MAC_CTX_free>>;

// A new zero BIGNUM; throws std::bad_alloc when OpenSSL cannot allocate one.
inline BignumPtr NewBignum() {
  BignumPtr bn(BN_new());
  if (!bn) {
    throw std::bad_alloc();
  }
  return bn;
}

}  // namespace cognito::auth
