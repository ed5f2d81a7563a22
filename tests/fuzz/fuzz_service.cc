#include "tests/fuzz/fuzz_service.h"

#include <unistd.h>

#include <cstdlib>
#include <system_error>
#include <utility>

#include "storage/store.h"
#include "tests/fuzz/fuzz_input.h"

namespace cognito::fuzz {

namespace {

using actions::Json;

constexpr uint64_t kTemplateSeed = 11;
constexpr uint64_t kRunSeed = 23;

std::filesystem::path MakeDirectory() {
  std::error_code ec;
  const std::filesystem::path shm = "/dev/shm";
  const std::filesystem::path base =
      std::filesystem::is_directory(shm, ec) ? shm : std::filesystem::temp_directory_path();
  std::filesystem::path dir = base / ("cognito-fuzz-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir);
  return dir;
}

void RemoveDatabase(const std::filesystem::path& db) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(db.string() + suffix, ec);
  }
}

Json SeedDocument() {
  const Json all_flows = {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                          "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"};
  return Json{
      {"UserPools",
       {{{"Id", kPoolId},
         {"PoolName", "fuzz"},
         {"Clients",
          {{{"ClientId", kPublicClientId}, {"ClientName", "public"}, {"ExplicitAuthFlows", all_flows}},
           {{"ClientId", kSecretClientId},
            {"ClientName", "secret"},
            {"ClientSecret", kClientSecret},
            {"ExplicitAuthFlows", all_flows}}}},
         {"Users",
          {{{"Username", "alice"},
            {"Password", "Passw0rd!"},
            {"Attributes", {{{"Name", "email"}, {"Value", "alice@example.com"}}}}},
           {{"Username", "bob"}, {"TemporaryPassword", "Temp0rary!"}, {"Attributes", Json::array()}},
           {{"Username", "carol"},
            {"Password", "Passw0rd!"},
            {"Attributes",
             {{{"Name", "phone_number"}, {"Value", "+15555550100"}},
              {{"Name", "given_name"}, {"Value", "Carol"}}}}}}}}}}};
}

Json Ok(actions::Service& service, const std::string& action, const Json& input) {
  const actions::ApiResponse response = service.Call(action, input);
  Require(response.status == 200, "template setup failed", action + ": " + response.body);
  return Json::parse(response.body);
}

}  // namespace

FuzzService& FuzzService::Get() {
  static FuzzService instance;
  return instance;
}

FuzzService::FuzzService()
    : dir_(MakeDirectory()), template_db_(dir_ / "template.sqlite"), work_db_(dir_ / "work.sqlite") {
  if (const char* every = std::getenv("COGNITO_FUZZ_RESET_EVERY"); every != nullptr) {
    reset_every_ = std::max<uint64_t>(1, std::strtoull(every, nullptr, 10));
  }
  BuildTemplate();
  Reset();
}

FuzzService::~FuzzService() {
  service_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void FuzzService::BuildTemplate() {
  {
    auth::FakeClock clock(kStartMillis);
    auth::SeededRandom random(kTemplateSeed);
    actions::ServiceOptions options;
    options.db_path = template_db_.string();
    options.stores = 1;
    options.settings.fixed_code = std::string(kFixedCode);
    actions::Service service(options, clock, random);
    service.ApplySeed(SeedDocument());
    const Json signed_in =
        Ok(service, "InitiateAuth",
           {{"ClientId", kPublicClientId},
            {"AuthFlow", "USER_PASSWORD_AUTH"},
            {"AuthParameters", {{"USERNAME", "alice"}, {"PASSWORD", "Passw0rd!"}}}});
    const Json& result = signed_in.at("AuthenticationResult");
    access_token_ = result.at("AccessToken").get<std::string>();
    id_token_ = result.at("IdToken").get<std::string>();
    refresh_token_ = result.at("RefreshToken").get<std::string>();
    const Json user = Ok(service, "AdminGetUser", {{"UserPoolId", kPoolId}, {"Username", "alice"}});
    for (const Json& attribute : user.at("UserAttributes")) {
      if (attribute.at("Name") == "sub") {
        alice_sub_ = attribute.at("Value").get<std::string>();
      }
    }
  }
  // Closing the only connection checkpointed the WAL: the template is one self-contained file.
  std::error_code ec;
  Require(!std::filesystem::exists(template_db_.string() + "-wal", ec), "template kept its WAL");
  auto store = storage::Store::Open(template_db_.string());
  keys_ = std::make_unique<actions::KeyRing>(actions::KeyRing::LoadOrCreate(*store));
}

void FuzzService::Reset() {
  std::lock_guard lock(mutex_);
  service_.reset();
  RemoveDatabase(work_db_);
  std::filesystem::copy_file(template_db_, work_db_);
  clock_ = std::make_unique<auth::FakeClock>(kStartMillis);
  random_ = std::make_unique<auth::SeededRandom>(kRunSeed);
  actions::ServiceOptions options;
  options.db_path = work_db_.string();
  options.stores = 1;
  options.settings.fixed_code = std::string(kFixedCode);
  service_ = std::make_unique<actions::Service>(options, *clock_, *random_);
}

void FuzzService::BeginInput() {
  if (inputs_++ % reset_every_ == 0 && inputs_ > 1) {
    Reset();
  }
}

actions::ApiResponse FuzzService::Handle(const actions::ApiRequest& request) {
  std::lock_guard lock(mutex_);
  return service_->Handle(request);
}

std::optional<actions::ApiResponse> FuzzService::Call(std::string_view action, const Json& body) {
  actions::ApiRequest request;
  request.method = "POST";
  request.target = "/";
  request.amz_target = std::string(kTargetPrefix) + std::string(action);
  try {
    request.body = body.dump();
  } catch (const Json::type_error&) {
    return std::nullopt;
  }
  return Handle(request);
}

std::string FuzzService::Expand(std::string text) const {
  text = ReplaceAll(std::move(text), "$ACCESS", access_token_);
  text = ReplaceAll(std::move(text), "$ID", id_token_);
  text = ReplaceAll(std::move(text), "$REFRESH", refresh_token_);
  return ReplaceAll(std::move(text), "$SUB", alice_sub_);
}

std::string FuzzService::issuer() const {
  return "https://cognito-idp.us-east-1.amazonaws.com/" + std::string(kPoolId);
}

int64_t FuzzService::now_seconds() const { return kStartMillis / 1000; }

}  // namespace cognito::fuzz
