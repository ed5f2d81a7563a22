// Test helper: a unique database path under the system temp directory, removed (with its WAL
// and shared-memory side files) when the helper goes out of scope. Safe to create from several
// threads: names come from the process id and an atomic counter.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace cognito::storage::testing {

class TempDbPath {
 public:
  TempDbPath() {
    static std::atomic<int> counter{0};
    std::string name = "cognito-storage-test-" + std::to_string(::getpid()) + "-" +
                       std::to_string(counter.fetch_add(1)) + ".db";
    path_ = (std::filesystem::temp_directory_path() / name).string();
    RemoveAll();
  }
  ~TempDbPath() { RemoveAll(); }
  TempDbPath(const TempDbPath&) = delete;
  TempDbPath& operator=(const TempDbPath&) = delete;

  const std::string& path() const { return path_; }

 private:
  void RemoveAll() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }

  std::string path_;
};

}  // namespace cognito::storage::testing
