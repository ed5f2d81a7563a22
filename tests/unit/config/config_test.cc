#include "config/config.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace cognito::config {
namespace {

using Env = std::map<std::string, std::string>;

GetEnv FakeEnv(Env env) {
  return [env = std::move(env)](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) {
      return std::nullopt;
    }
    return it->second;
  };
}

Config Parse(const std::vector<std::string>& args, const Env& env = {}) {
  return ParseConfig(args, FakeEnv(env)).config;
}

// Renders every field so one string comparison checks the whole struct.
std::string Dump(const Config& c) {
  return c.host + "|" + std::to_string(c.port) + "|" + c.db_path + "|" + c.region + "|" +
         c.issuer_base + "|" + c.log_level + "|" + c.seed_file + "|" + c.fixed_code;
}

const std::string kDefaults = "127.0.0.1|9229|./.cognito/db.sqlite|us-east-1||info||";

TEST(ConfigTest, DefaultsWithNoFlagsAndNoEnv) {
  const ParseResult r = ParseConfig({}, FakeEnv({}));
  EXPECT_EQ(Dump(r.config), kDefaults);
  EXPECT_FALSE(r.show_help);
  EXPECT_FALSE(r.show_version);
}

TEST(ConfigTest, PasswordLockoutIsOnByDefaultAndSwitchesOff) {
  EXPECT_TRUE(Parse({}).password_lockout);
  EXPECT_FALSE(Parse({"--password-lockout=off"}).password_lockout);
  EXPECT_FALSE(Parse({}, {{"COGNITO_PASSWORD_LOCKOUT", "off"}}).password_lockout);
  EXPECT_TRUE(Parse({"--password-lockout", "on"}, {{"COGNITO_PASSWORD_LOCKOUT", "off"}})
                  .password_lockout);
}

TEST(ConfigTest, TriggerSettings) {
  const Config d = Parse({});
  EXPECT_EQ(d.lambda_endpoint, "");
  EXPECT_TRUE(d.trigger_urls.empty());
  EXPECT_EQ(d.lambda_timeout_ms, 5000u);
  const Config c = Parse({"--lambda-endpoint=http://127.0.0.1:3001", "--lambda-timeout-ms", "30000"},
                         {{"COGNITO_TRIGGER_URLS",
                           "arn:aws:lambda:us-east-1:1:function:a=http://h:1/a,b=http://h:2/x=y"}});
  EXPECT_EQ(c.lambda_endpoint, "http://127.0.0.1:3001");
  EXPECT_EQ(c.lambda_timeout_ms, 30000u);
  ASSERT_EQ(c.trigger_urls.size(), 2u);
  EXPECT_EQ(c.trigger_urls[0].first, "arn:aws:lambda:us-east-1:1:function:a");
  EXPECT_EQ(c.trigger_urls[0].second, "http://h:1/a");
  EXPECT_EQ(c.trigger_urls[1].first, "b");
  EXPECT_EQ(c.trigger_urls[1].second, "http://h:2/x=y");
}

struct FlagCase {
  const char* label;
  std::vector<std::string> args;
  Env env;
  std::string want;
};

TEST(ConfigTest, FlagsAndEnvironment) {
  const std::vector<FlagCase> cases = {
      {"host separate",
       {"--host", "0.0.0.0"},
       {},
       "0.0.0.0|9229|./.cognito/db.sqlite|us-east-1||info||"},
      {"host equals", {"--host=::1"}, {}, "::1|9229|./.cognito/db.sqlite|us-east-1||info||"},
      {"port separate", {"--port", "0"}, {}, "127.0.0.1|0|./.cognito/db.sqlite|us-east-1||info||"},
      {"port equals max",
       {"--port=65535"},
       {},
       "127.0.0.1|65535|./.cognito/db.sqlite|us-east-1||info||"},
      {"db separate", {"--db", ":memory:"}, {}, "127.0.0.1|9229|:memory:|us-east-1||info||"},
      {"db equals", {"--db=/tmp/x.db"}, {}, "127.0.0.1|9229|/tmp/x.db|us-east-1||info||"},
      {"region separate",
       {"--region", "eu-west-2"},
       {},
       "127.0.0.1|9229|./.cognito/db.sqlite|eu-west-2||info||"},
      {"region gov equals",
       {"--region=us-gov-west-1"},
       {},
       "127.0.0.1|9229|./.cognito/db.sqlite|us-gov-west-1||info||"},
      {"issuer separate",
       {"--issuer", "http://localhost:9229"},
       {},
       "127.0.0.1|9229|./.cognito/db.sqlite|us-east-1|http://localhost:9229|info||"},
      {"issuer equals trailing slashes",
       {"--issuer=https://auth.test//"},
       {},
       "127.0.0.1|9229|./.cognito/db.sqlite|us-east-1|https://auth.test|info||"},
      {"log level separate",
       {"--log-level", "debug"},
       {},
       "127.0.0.1|9229|./.cognito/db.sqlite|us-east-1||debug||"},
      {"log level equals",
       {"--log-level=error"},
       {},
       "127.0.0.1|9229|./.cognito/db.sqlite|us-east-1||error||"},
      {"seed separate",
       {"--seed", "seed.json"},
       {},
       "127.0.0.1|9229|./.cognito/db.sqlite|us-east-1||info|seed.json|"},
      {"seed equals keeps '='",
       {"--seed=a=b.json"},
       {},
       "127.0.0.1|9229|./.cognito/db.sqlite|us-east-1||info|a=b.json|"},
      {"every env var",
       {},
       {{"COGNITO_HOST", "0.0.0.0"},
        {"COGNITO_PORT", "1234"},
        {"COGNITO_DB", "/data/db.sqlite"},
        {"COGNITO_REGION", "ap-southeast-2"},
        {"COGNITO_ISSUER", "http://cognito:9229/"},
        {"COGNITO_LOG_LEVEL", "warn"},
        {"COGNITO_SEED", "/seed.json"},
        {"COGNITO_FIXED_CODE", "654321"}},
       "0.0.0.0|1234|/data/db.sqlite|ap-southeast-2|http://cognito:9229|warn|/seed.json|654321"},
      {"empty env var counts as unset",
       {},
       {{"COGNITO_PORT", ""}, {"COGNITO_HOST", ""}},
       kDefaults},
      {"flags override env",
       {"--port", "7000", "--log-level=debug"},
       {{"COGNITO_PORT", "1234"}, {"COGNITO_LOG_LEVEL", "warn"}, {"COGNITO_DB", ":memory:"}},
       "127.0.0.1|7000|:memory:|us-east-1||debug||"},
      {"last flag wins",
       {"--port=1", "--port=2"},
       {},
       "127.0.0.1|2|./.cognito/db.sqlite|us-east-1||info||"},
      {"fixed code separate",
       {"--fixed-code", "123456"},
       {},
       "127.0.0.1|9229|./.cognito/db.sqlite|us-east-1||info||123456"},
      {"fixed code from env, leading zeros kept",
       {},
       {{"COGNITO_FIXED_CODE", "000042"}},
       "127.0.0.1|9229|./.cognito/db.sqlite|us-east-1||info||000042"},
  };
  for (const FlagCase& c : cases) {
    EXPECT_EQ(Dump(Parse(c.args, c.env)), c.want) << c.label;
  }
}

TEST(ConfigTest, HelpAndVersionSkipValidation) {
  const ParseResult help = ParseConfig({"--port", "nope", "-h"}, FakeEnv({{"COGNITO_PORT", "x"}}));
  EXPECT_TRUE(help.show_help);
  EXPECT_FALSE(help.show_version);
  EXPECT_EQ(Dump(help.config), kDefaults);

  const ParseResult version = ParseConfig({"--version"}, FakeEnv({}));
  EXPECT_TRUE(version.show_version);
  EXPECT_FALSE(version.show_help);
  EXPECT_TRUE(ParseConfig({"--help"}, FakeEnv({})).show_help);
}

struct ErrorCase {
  const char* label;
  std::vector<std::string> args;
  Env env;
  std::string want_message;
};

TEST(ConfigTest, InvalidInputThrowsOneLineConfigError) {
  const std::string kPort = ": must be an integer 0..65535";
  const std::vector<ErrorCase> cases = {
      {"unknown flag", {"--verbose"}, {}, "unknown flag '--verbose' (see --help)"},
      {"unknown flag with value", {"--prot=1"}, {}, "unknown flag '--prot' (see --help)"},
      {"positional argument", {"serve"}, {}, "unknown flag 'serve' (see --help)"},
      {"single dash", {"-p", "1"}, {}, "unknown flag '-p' (see --help)"},
      {"missing value at end", {"--db"}, {}, "missing value for --db"},
      {"missing value before flag", {"--host", "--port", "1"}, {}, "missing value for --host"},
      {"port not a number", {"--port", "http"}, {}, "invalid value 'http' for --port" + kPort},
      {"port negative", {"--port=-1"}, {}, "invalid value '-1' for --port" + kPort},
      {"port too big", {"--port=65536"}, {}, "invalid value '65536' for --port" + kPort},
      {"port far too big",
       {"--port=99999999999"},
       {},
       "invalid value '99999999999' for --port" + kPort},
      {"port empty", {"--port="}, {}, "invalid value '' for --port" + kPort},
      {"port trailing junk", {"--port=80x"}, {}, "invalid value '80x' for --port" + kPort},
      {"port from env",
       {},
       {{"COGNITO_PORT", "1e3"}},
       "invalid value '1e3' for COGNITO_PORT" + kPort},
      {"log level",
       {"--log-level=trace"},
       {},
       "invalid value 'trace' for --log-level: must be one of error, warn, info, debug"},
      {"log level case",
       {},
       {{"COGNITO_LOG_LEVEL", "INFO"}},
       "invalid value 'INFO' for COGNITO_LOG_LEVEL: must be one of error, warn, info, debug"},
      {"region upper case",
       {"--region", "US-EAST-1"},
       {},
       "invalid value 'US-EAST-1' for --region: must look like us-east-1 "
       "(^[a-z]{2}(-gov)?-[a-z]+-[0-9]$)"},
      {"region two digits",
       {"--region=us-east-10"},
       {},
       "invalid value 'us-east-10' for --region: must look like us-east-1 "
       "(^[a-z]{2}(-gov)?-[a-z]+-[0-9]$)"},
      {"region missing part",
       {"--region=useast-1"},
       {},
       "invalid value 'useast-1' for --region: must look like us-east-1 "
       "(^[a-z]{2}(-gov)?-[a-z]+-[0-9]$)"},
      {"issuer no scheme",
       {"--issuer=localhost:9229"},
       {},
       "invalid value 'localhost:9229' for --issuer: must be a URL starting with http:// or "
       "https://"},
      {"issuer scheme only",
       {},
       {{"COGNITO_ISSUER", "https://"}},
       "invalid value 'https://' for COGNITO_ISSUER: must be a URL starting with http:// or "
       "https://"},
      {"host empty", {"--host="}, {}, "invalid value '' for --host: must not be empty"},
      {"db empty", {"--db="}, {}, "invalid value '' for --db: must not be empty"},
      {"fixed code too short",
       {"--fixed-code=12345"},
       {},
       "invalid value '12345' for --fixed-code: must be exactly 6 digits"},
      {"fixed code too long",
       {"--fixed-code", "1234567"},
       {},
       "invalid value '1234567' for --fixed-code: must be exactly 6 digits"},
      {"password lockout not on or off",
       {"--password-lockout=no"},
       {},
       "invalid value 'no' for --password-lockout: must be on or off"},
      {"lambda endpoint not http",
       {"--lambda-endpoint=https://x"},
       {},
       "invalid value 'https://x' for --lambda-endpoint: must be a URL starting with http://"},
      {"trigger urls without url",
       {"--trigger-urls=a=ftp://x"},
       {},
       "invalid value 'a=ftp://x' for --trigger-urls: must be a comma-separated list of "
       "FUNCTION=http://URL"},
      {"lambda timeout zero",
       {"--lambda-timeout-ms=0"},
       {},
       "invalid value '0' for --lambda-timeout-ms: must be a number of milliseconds, 1..9999999"},
      {"fixed code not digits",
       {},
       {{"COGNITO_FIXED_CODE", "12345a"}},
       "invalid value '12345a' for COGNITO_FIXED_CODE: must be exactly 6 digits"},
  };
  for (const ErrorCase& c : cases) {
    try {
      ParseConfig(c.args, FakeEnv(c.env));
      ADD_FAILURE() << c.label << ": no error";
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()), c.want_message) << c.label;
    }
  }
}

TEST(ConfigTest, RegionValidation) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"us-east-1", true},
      {"eu-central-2", true},
      {"us-gov-west-1", true},
      {"cn-north-1", true},
      {"us-east", false},
      {"u-east-1", false},
      {"us-gov-west-", false},
      {"us--1", false},
      {"us-east-1-x", false},
      {"us-gov-we5t-1", false},
      {"", false},
  };
  for (const auto& [region, valid] : cases) {
    EXPECT_EQ(IsValidRegion(region), valid) << region;
  }
}

TEST(ConfigTest, IssuerFor) {
  Config c;
  EXPECT_EQ(IssuerFor(c, "us-east-1_Example01"),
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example01");
  // The region of a real issuer is the pool id's prefix, whatever the server default is.
  EXPECT_EQ(IssuerFor(c, "eu-west-1_Abc"),
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc");
  c.region = "ap-south-1";
  EXPECT_EQ(IssuerFor(c, "local_Abc"), "https://cognito-idp.ap-south-1.amazonaws.com/local_Abc");
  c.issuer_base = "http://localhost:9229";
  EXPECT_EQ(IssuerFor(c, "us-east-1_Abc"), "http://localhost:9229/us-east-1_Abc");
}

TEST(ConfigTest, HelpListsEveryFlagEnvAndDefault) {
  const std::string help = HelpText();
  for (const char* needle : {"--host HOST",       "COGNITO_HOST",   "default 127.0.0.1",
                             "--port PORT",       "COGNITO_PORT",   "default 9229",
                             "--db PATH",         "COGNITO_DB",     "default ./.cognito/db.sqlite",
                             "--region REGION",   "COGNITO_REGION", "default us-east-1",
                             "--issuer URL",      "COGNITO_ISSUER", "--log-level LEVEL",
                             "COGNITO_LOG_LEVEL", "default info",   "--seed FILE",
                             "COGNITO_SEED",      "--help",         "--version",
                             "--fixed-code CODE", "COGNITO_FIXED_CODE"}) {
    EXPECT_NE(help.find(needle), std::string::npos) << needle;
  }
  EXPECT_EQ(help.back(), '\n');
  EXPECT_EQ(VersionText().rfind("cognito-emulator ", 0), 0U);
}

}  // namespace
}  // namespace cognito::config
