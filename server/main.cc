// cognito-emulator: parses the configuration, opens the store, applies the seed file and serves
// the Cognito User Pools API until SIGINT/SIGTERM.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "auth/clock.h"
#include "auth/random.h"
#include "config/config.h"
#include "server/actions/log.h"
#include "server/actions/service.h"
#include "server/http/lambda_client.h"
#include "server/http/server.h"

namespace {

using cognito::actions::Json;

Json ReadSeed(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read seed file " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  Json seed = Json::parse(text.str(), nullptr, false);
  if (seed.is_discarded()) {
    throw std::runtime_error("seed file " + path + " is not valid JSON");
  }
  return seed;
}

// `--db :memory:` runs on a private database file in RAM (/dev/shm, else the temp directory),
// removed at exit. Unlike SQLite's own :memory:, which is one connection's private database, it
// can be opened by every worker: requests run in parallel, and a trigger function may call the
// emulator back while the action that invoked it waits.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(const std::string& db_path) : path_(db_path) {
    if (db_path != ":memory:") {
      return;
    }
    std::filesystem::path base = "/dev/shm";
    std::error_code error;
    if (!std::filesystem::is_directory(base, error) || ::access(base.c_str(), W_OK) != 0) {
      base = std::filesystem::temp_directory_path();
    }
    std::string directory = (base / "cognito-emulator-XXXXXX").string();
    if (::mkdtemp(directory.data()) == nullptr) {
      throw std::runtime_error("cannot create the in-memory database's directory in " +
                               base.string());
    }
    directory_ = directory;
    path_ = (directory_ / "db.sqlite").string();
  }
  ~ScratchDatabase() {
    if (!directory_.empty()) {
      std::error_code error;
      std::filesystem::remove_all(directory_, error);
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::filesystem::path directory_;
  std::string path_;
};

void PrepareDatabaseDirectory(const std::string& db_path) {
  if (db_path == ":memory:" || db_path.rfind("file:", 0) == 0) {
    return;
  }
  const auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent);
  }
}

int Serve(const cognito::config::Config& config) {
  namespace actions = cognito::actions;
  actions::SetLogLevel(actions::ParseLogLevel(config.log_level));
  PrepareDatabaseDirectory(config.db_path);

  // Declared before the Service, so the database outlives every connection to it.
  const ScratchDatabase database(config.db_path);
  cognito::auth::SystemClock clock;
  cognito::auth::SecureRandom random;
  actions::ServiceOptions options;
  options.db_path = database.path();
  // More workers than cores: a worker waiting for a group commit's fsync leaves its core to
  // the others (signing, SRP), and the waiting writes commit together. One store per worker.
  const unsigned workers = std::max(8u, 4 * std::thread::hardware_concurrency());
  // The I/O threads run the read-only actions themselves (ApiHandler::RunsInline).
  const unsigned io_threads = std::max(1u, std::thread::hardware_concurrency());
  options.stores = workers + io_threads;
  options.settings.region = config.region;
  options.settings.issuer_base = config.issuer_base;
  options.settings.fixed_code = config.fixed_code;
  options.settings.password_lockout = config.password_lockout;
  if (!config.lambda_endpoint.empty() || !config.trigger_urls.empty()) {
    options.triggers = std::make_shared<cognito::http::LambdaClient>(cognito::http::LambdaClientOptions{
        config.lambda_endpoint, config.trigger_urls,
        std::chrono::milliseconds(config.lambda_timeout_ms)});
  }
  actions::Service service(options, clock, random);
  if (!config.seed_file.empty()) {
    service.ApplySeed(ReadSeed(config.seed_file));
  }

  cognito::http::ServerOptions server_options;
  server_options.host = config.host;
  server_options.port = config.port;
  server_options.worker_threads = workers;
  server_options.io_threads = io_threads;
  cognito::http::Server server(server_options, service);
  server.HandleSignals();
  std::printf("cognito-emulator listening on http://%s:%u\n", config.host.c_str(),
              static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  server.Run();
  actions::Log(actions::LogLevel::kInfo, "stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto parsed = cognito::config::ParseConfig(
        std::vector<std::string>(argv + 1, argv + argc), cognito::config::ProcessEnv);
    if (parsed.show_help) {
      std::cout << cognito::config::HelpText();
      return 0;
    }
    if (parsed.show_version) {
      std::cout << cognito::config::VersionText() << "\n";
      return 0;
    }
    return Serve(parsed.config);
  } catch (const cognito::config::ConfigError& e) {
    std::cerr << "cognito-emulator: " << e.what() << "\nTry 'cognito-emulator --help'.\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "cognito-emulator: " << e.what() << "\n";
    return 1;
  }
}
