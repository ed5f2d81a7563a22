#include "config/config.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>

#ifndef COGNITO_VERSION
#define COGNITO_VERSION "0.0.0"
#endif

namespace cognito::config {
namespace {

// Where a raw value came from, so error messages name the flag or variable the user wrote.
struct RawValue {
  std::string value;
  std::string source;
};

using Setter = void (*)(Config&, const RawValue&);

struct Option {
  std::string_view flag;  // without the leading "--"
  std::string_view env;
  std::string_view metavar;
  std::string_view help;
  Setter set;
};

[[noreturn]] void Fail(const RawValue& raw, std::string_view why) {
  throw ConfigError("invalid value '" + raw.value + "' for " + raw.source + ": " +
                    std::string(why));
}

bool IsLower(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (c < 'a' || c > 'z') {
      return false;
    }
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

void SetHost(Config& c, const RawValue& raw) {
  if (raw.value.empty()) {
    Fail(raw, "must not be empty");
  }
  c.host = raw.value;
}

void SetPort(Config& c, const RawValue& raw) {
  const std::string& v = raw.value;
  bool digits = !v.empty() && v.size() <= 5;
  for (char ch : v) {
    digits = digits && ch >= '0' && ch <= '9';
  }
  if (!digits || std::stoul(v) > 65535) {
    Fail(raw, "must be an integer 0..65535");
  }
  c.port = static_cast<uint16_t>(std::stoul(v));
}

void SetDb(Config& c, const RawValue& raw) {
  if (raw.value.empty()) {
    Fail(raw, "must not be empty");
  }
  c.db_path = raw.value;
}

void SetRegion(Config& c, const RawValue& raw) {
  if (!IsValidRegion(raw.value)) {
    Fail(raw, "must look like us-east-1 (^[a-z]{2}(-gov)?-[a-z]+-[0-9]$)");
  }
  c.region = raw.value;
}

void SetIssuer(Config& c, const RawValue& raw) {
  std::string v = raw.value;
  while (!v.empty() && v.back() == '/') {
    v.pop_back();
  }
  const bool http = v.rfind("http://", 0) == 0 && v.size() > 7;
  const bool https = v.rfind("https://", 0) == 0 && v.size() > 8;
  if (!http && !https) {
    Fail(raw, "must be a URL starting with http:// or https://");
  }
  c.issuer_base = v;
}

void SetLogLevel(Config& c, const RawValue& raw) {
  for (std::string_view level : {"error", "warn", "info", "debug"}) {
    if (raw.value == level) {
      c.log_level = raw.value;
      return;
    }
  }
  Fail(raw, "must be one of error, warn, info, debug");
}

void SetSeed(Config& c, const RawValue& raw) { c.seed_file = raw.value; }

void SetFixedCode(Config& c, const RawValue& raw) {
  bool digits = raw.value.size() == 6;
  for (char ch : raw.value) {
    digits = digits && ch >= '0' && ch <= '9';
  }
  if (!digits) {
    Fail(raw, "must be exactly 6 digits");
  }
  c.fixed_code = raw.value;
}

void SetPasswordLockout(Config& c, const RawValue& raw) {
  if (raw.value != "on" && raw.value != "off") {
    Fail(raw, "must be on or off");
  }
  c.password_lockout = raw.value == "on";
}

bool IsHttpUrl(const std::string& v) { return v.rfind("http://", 0) == 0 && v.size() > 7; }

void SetLambdaEndpoint(Config& c, const RawValue& raw) {
  if (!IsHttpUrl(raw.value)) {
    Fail(raw, "must be a URL starting with http://");
  }
  c.lambda_endpoint = raw.value;
}

// "KEY=URL,KEY=URL": each KEY a function ARN or name, each URL http://...
void SetTriggerUrls(Config& c, const RawValue& raw) {
  c.trigger_urls.clear();
  for (std::string_view entry : Split(raw.value, ',')) {
    const size_t eq = entry.find("=http://");
    if (eq == 0 || eq == std::string_view::npos) {
      Fail(raw, "must be a comma-separated list of FUNCTION=http://URL");
    }
    c.trigger_urls.emplace_back(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
}

void SetLambdaTimeout(Config& c, const RawValue& raw) {
  const std::string& v = raw.value;
  const bool digits = !v.empty() && v.size() <= 7 && v.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoul(v) == 0) {
    Fail(raw, "must be a number of milliseconds, 1..9999999");
  }
  c.lambda_timeout_ms = static_cast<uint32_t>(std::stoul(v));
}

constexpr std::array<Option, 12> kOptions = {{
    {"host", "COGNITO_HOST", "HOST", "address to listen on", SetHost},
    {"port", "COGNITO_PORT", "PORT", "TCP port, 0 picks a free one", SetPort},
    {"db", "COGNITO_DB", "PATH", "SQLite database file, or :memory:", SetDb},
    {"region", "COGNITO_REGION", "REGION", "region of new user pool ids", SetRegion},
    {"issuer", "COGNITO_ISSUER", "URL", "base URL of the tokens' iss claim", SetIssuer},
    {"log-level", "COGNITO_LOG_LEVEL", "LEVEL", "error | warn | info | debug", SetLogLevel},
    {"seed", "COGNITO_SEED", "FILE", "JSON seed file applied at start", SetSeed},
    {"fixed-code", "COGNITO_FIXED_CODE", "CODE", "6 digits sent as every code (tests)",
     SetFixedCode},
    {"password-lockout", "COGNITO_PASSWORD_LOCKOUT", "on|off",
     "lock users out after 5 wrong passwords", SetPasswordLockout},
    {"lambda-endpoint", "COGNITO_LAMBDA_ENDPOINT", "URL",
     "Lambda Invoke API for triggers (sam local, LocalStack)", SetLambdaEndpoint},
    {"trigger-urls", "COGNITO_TRIGGER_URLS", "LIST",
     "FUNCTION=http://URL,... triggers called by plain POST", SetTriggerUrls},
    {"lambda-timeout-ms", "COGNITO_LAMBDA_TIMEOUT_MS", "MS", "how long a trigger may take",
     SetLambdaTimeout},
}};

std::string DefaultText(std::string_view flag) {
  const Config d;
  if (flag == "host") {
    return d.host;
  }
  if (flag == "port") {
    return std::to_string(d.port);
  }
  if (flag == "db") {
    return d.db_path;
  }
  if (flag == "region") {
    return d.region;
  }
  if (flag == "issuer") {
    return "https://cognito-idp.<region>.amazonaws.com";
  }
  if (flag == "log-level") {
    return d.log_level;
  }
  if (flag == "lambda-timeout-ms") {
    return std::to_string(d.lambda_timeout_ms);
  }
  if (flag == "password-lockout") {
    return d.password_lockout ? "on" : "off";
  }
  return "none";
}

const Option* FindOption(std::string_view flag) {
  for (const Option& option : kOptions) {
    if (option.flag == flag) {
      return &option;
    }
  }
  return nullptr;
}

}  // namespace

bool IsValidRegion(const std::string& region) {
  const std::vector<std::string_view> parts = Split(region, '-');
  const bool has_gov = parts.size() == 4 && parts[1] == "gov";
  if (parts.size() != 3 && !has_gov) {
    return false;
  }
  const std::string_view digit = parts.back();
  return parts[0].size() == 2 && IsLower(parts[0]) && IsLower(parts[parts.size() - 2]) &&
         digit.size() == 1 && digit[0] >= '0' && digit[0] <= '9';
}

ParseResult ParseConfig(const std::vector<std::string>& args, const GetEnv& getenv) {
  ParseResult result;
  // Raw values are collected first (env, then flags overwrite) so --help never fails validation.
  std::array<std::optional<RawValue>, kOptions.size()> raw;
  for (size_t i = 0; i < kOptions.size(); ++i) {
    const std::string env(kOptions[i].env);
    std::optional<std::string> value = getenv(env);
    if (value && !value->empty()) {
      raw[i] = RawValue{*value, env};
    }
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      result.show_help = true;
      continue;
    }
    if (arg == "--version") {
      result.show_version = true;
      continue;
    }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const Option* option = name.rfind("--", 0) == 0 ? FindOption(name.substr(2)) : nullptr;
    if (option == nullptr) {
      throw ConfigError("unknown flag '" + name + "' (see --help)");
    }
    std::string value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) {
      value = args[++i];
    } else {
      throw ConfigError("missing value for " + name);
    }
    raw[static_cast<size_t>(option - kOptions.data())] = RawValue{value, name};
  }
  if (result.show_help || result.show_version) {
    return result;
  }
  for (size_t i = 0; i < kOptions.size(); ++i) {
    if (raw[i]) {
      kOptions[i].set(result.config, *raw[i]);
    }
  }
  return result;
}

std::optional<std::string> ProcessEnv(const std::string& name) {
  // std::getenv is not synchronised with setenv; the emulator only reads the environment at start.
  const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe)
  if (value == nullptr) {
    return std::nullopt;
  }
  return std::string(value);
}

std::string HelpText() {
  std::string text =
      "Usage: cognito-emulator [options]\n"
      "Local emulator of Amazon Cognito User Pools (cognito-idp JSON 1.1 API).\n"
      "Precedence: command-line flags > environment variables > defaults.\n\n"
      "Options:\n";
  for (const Option& option : kOptions) {
    std::string line = "  --" + std::string(option.flag) + " " + std::string(option.metavar);
    line.resize(std::max<size_t>(line.size() + 1, 24), ' ');
    line += std::string(option.help) + "\n";
    line += std::string(24, ' ') + "env " + std::string(option.env);
    line += ", default " + DefaultText(option.flag);
    text += line + "\n";
  }
  text +=
      "  -h, --help            print this text and exit\n"
      "  --version             print the version and exit\n";
  return text;
}

std::string VersionText() { return std::string("cognito-emulator ") + COGNITO_VERSION; }

std::string IssuerFor(const Config& config, const std::string& pool_id) {
  if (!config.issuer_base.empty()) {
    return config.issuer_base + "/" + pool_id;
  }
  const size_t underscore = pool_id.find('_');
  const std::string prefix = pool_id.substr(0, underscore);
  const std::string& region =
      underscore != std::string::npos && IsValidRegion(prefix) ? prefix : config.region;
  return "https://cognito-idp." + region + ".amazonaws.com/" + pool_id;
}

}  // namespace cognito::config
