// Runtime configuration of the emulator: command-line flags > environment variables > defaults.
// Everything here is a plain value type and pure functions; the environment is read only through
// the injected getenv callback, so parsing is deterministic in tests. Safe to call from any thread
// as long as the callback is.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace cognito::config {

struct Config {
  std::string host = "127.0.0.1";
  uint16_t port = 9229;                          // 0 = pick a free port
  std::string db_path = "./.cognito/db.sqlite";  // or ":memory:"
  std::string region = "us-east-1";
  std::string issuer_base;         // empty = "https://cognito-idp.<region>.amazonaws.com"
  std::string log_level = "info";  // error | warn | info | debug
  std::string seed_file;           // empty = none
  std::string fixed_code;          // 6 digits used for every code sent; empty = random codes
  bool password_lockout = true;    // Cognito's lockout after repeated wrong passwords
  std::string lambda_endpoint;     // Lambda Invoke API base URL for triggers; empty = none
  // Trigger functions reached by a plain HTTP POST: ARN (or function name) -> URL.
  std::vector<std::pair<std::string, std::string>> trigger_urls;
  uint32_t lambda_timeout_ms = 5000;  // how long a trigger may take, as Cognito allows
};

struct ParseResult {
  Config config;  // holds only the defaults when show_help or show_version is set
  bool show_help = false;
  bool show_version = false;
};

// Thrown for any invalid input; what() is a single line suitable for printing as is.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using GetEnv = std::function<std::optional<std::string>(const std::string&)>;

// Parses args (argv without argv[0]). Flags take "--flag value" or "--flag=value". Environment
// variables that are set but empty count as unset. --help/-h and --version skip validation.
// Throws ConfigError on an unknown flag, a missing value or an invalid value.
ParseResult ParseConfig(const std::vector<std::string>& args, const GetEnv& getenv);

// A GetEnv that reads the real process environment (std::getenv).
std::optional<std::string> ProcessEnv(const std::string& name);

// Usage text listing every flag, its environment variable and its default. Ends with '\n'.
std::string HelpText();

// "cognito-emulator <version>".
std::string VersionText();

// The `iss` of tokens from pool_id: issuer_base + "/" + pool_id. With no issuer_base the real
// Cognito form is used, with the region taken from the pool id prefix when it is a valid region
// (verifiers such as aws-jwt-verify derive it from there), else config.region.
std::string IssuerFor(const Config& config, const std::string& pool_id);

// True when region matches ^[a-z]{2}(-gov)?-[a-z]+-[0-9]$.
bool IsValidRegion(const std::string& region);

}  // namespace cognito::config
