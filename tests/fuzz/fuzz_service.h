// The emulator's Service as fuzz targets see it: one per process, over a seeded database file
// (a pool, two app clients and three users with fixed ids) that is restored from a template every
// `reset_every` inputs, so state built by earlier inputs stays bounded and a crash reproduces
// from a known start. COGNITO_FUZZ_RESET_EVERY=1 restores it before every input.
//
// Ownership: owns its temporary directory (under /dev/shm when present, so SQLite's fsyncs cost
// nothing), the template and working databases, the FakeClock, the SeededRandom and the Service;
// the directory is removed by the destructor. Threads: Handle() and Reset() are serialised by a
// mutex, so an http::Server's workers may call Handle() while the fuzzing thread resets; the
// other accessors are immutable after construction.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth/clock.h"
#include "auth/random.h"
#include "server/actions/key_ring.h"
#include "server/actions/service.h"

namespace cognito::fuzz {

inline constexpr std::string_view kPoolId = "us-east-1_Fuzz0001";
inline constexpr std::string_view kPublicClientId = "fuzzpublicclient00000001";
inline constexpr std::string_view kSecretClientId = "fuzzsecretclient00000001";
inline constexpr std::string_view kClientSecret = "fuzzsecret00000000000000000000000000000000000000001";
// Every SMS / email code the emulator "sends" (Settings::fixed_code), so MFA answers are reachable.
inline constexpr std::string_view kFixedCode = "123456";
inline constexpr int64_t kStartMillis = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
inline constexpr std::string_view kTargetPrefix = "AWSCognitoIdentityProviderService.";
inline constexpr std::string_view kSigV4 =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cognito-idp/aws4_request, "
    "SignedHeaders=host;x-amz-target, Signature=0000";

class FuzzService final : public actions::ApiHandler {
 public:
  // The process-wide instance, built on first use (generates keys: about a second).
  static FuzzService& Get();

  FuzzService();
  ~FuzzService() override;
  FuzzService(const FuzzService&) = delete;
  FuzzService& operator=(const FuzzService&) = delete;

  actions::ApiResponse Handle(const actions::ApiRequest& request) override;
  // POST / of `action` (X-Amz-Target) with `body`; nullopt when the body holds a string that is
  // not UTF-8, which no client could send as JSON.
  std::optional<actions::ApiResponse> Call(std::string_view action, const actions::Json& body);

  // Call at the start of each input: restores the template every `reset_every` calls.
  void BeginInput();
  // Restores the seeded state now: database, clock and random sequence.
  void Reset();

  // Replaces $ACCESS, $ID, $REFRESH and $SUB by alice's tokens and sub (issued when the template
  // was built, valid at kStartMillis for an hour), so seed inputs can carry real credentials.
  std::string Expand(std::string text) const;

  const actions::KeyRing& keys() const { return *keys_; }
  const std::string& access_token() const { return access_token_; }
  const std::string& alice_sub() const { return alice_sub_; }
  // The `iss` of tokens of the seeded pool.
  std::string issuer() const;
  int64_t now_seconds() const;

 private:
  void BuildTemplate();

  std::filesystem::path dir_;
  std::filesystem::path template_db_;
  std::filesystem::path work_db_;
  std::unique_ptr<actions::KeyRing> keys_;
  std::string access_token_;
  std::string id_token_;
  std::string refresh_token_;
  std::string alice_sub_;
  uint64_t inputs_ = 0;
  uint64_t reset_every_ = 500;

  std::mutex mutex_;
  std::unique_ptr<auth::FakeClock> clock_;
  std::unique_ptr<auth::SeededRandom> random_;
  std::unique_ptr<actions::Service> service_;
};

}  // namespace cognito::fuzz
