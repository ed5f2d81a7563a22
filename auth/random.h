// Injected randomness. Production code uses SecureRandom (OpenSSL RAND_bytes); tests may use
// SeededRandom to make generated ids and secrets repeatable. Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace cognito::auth {

class Random {
 public:
  virtual ~Random() = default;
  // Returns n random bytes.
  virtual std::string Bytes(size_t n) = 0;

  // Uniform index in [0, bound) without modulo bias. bound must be > 0.
  uint32_t Uniform(uint32_t bound);
  // A string of n characters drawn uniformly from alphabet.
  std::string FromAlphabet(std::string_view alphabet, size_t n);
  // A random (version 4) UUID in canonical lowercase form.
  std::string Uuid();
  // A time-ordered (version 7, RFC 9562) UUID: unix_ms in the first 48 bits, the rest random.
  std::string TimeUuid(int64_t unix_ms);
};

// The unix_ms of a canonical version 7 UUID (either case); 0 for any other string.
int64_t TimeUuidMillis(std::string_view uuid);

class SecureRandom final : public Random {
 public:
  std::string Bytes(size_t n) override;
};

// Deterministic, NOT cryptographic: for tests only.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  std::string Bytes(size_t n) override;

 private:
  std::mutex mu_;
  uint64_t state_;
};

}  // namespace cognito::auth
