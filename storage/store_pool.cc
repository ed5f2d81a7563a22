#include "storage/store_pool.h"

#include <stdexcept>
#include <utility>

namespace cognito::storage {

StorePool::StorePool(std::string path, size_t size, int checkpoint_pages) : path_(std::move(path)) {
  if (size == 0) {
    throw std::invalid_argument("StorePool: size must be at least 1");
  }
  // Every in-memory connection is a separate database: more than one would split the data.
  const bool memory = path_ == ":memory:";
  size_ = memory ? 1 : size;
  idle_.reserve(size_);
  for (size_t i = 0; i < size_; ++i) {
    idle_.push_back(Store::Open(path_));
  }
  if (!memory) {
    writer_ = Store::Open(path_);
    writer_->DeferSync(true);
    checkpointer_ = std::make_unique<Checkpointer>(path_, writers_, checkpoint_pages);
    writer_->HandCheckpointsTo(*checkpointer_);
    for (const auto& store : idle_) {
      store->HandCheckpointsTo(*checkpointer_);
    }
  }
}

StorePool::~StorePool() = default;

StorePool::Lease StorePool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  ++waiting_;
  available_.wait(lock, [this] { return !idle_.empty(); });
  --waiting_;
  std::unique_ptr<Store> store = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(store));
}

size_t StorePool::Idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_.size();
}

size_t StorePool::Waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_;
}

void StorePool::Release(std::unique_ptr<Store> store) noexcept {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // Cannot throw: capacity for size_ Stores was reserved up front.
    idle_.push_back(std::move(store));
  }
  available_.notify_one();
}

StorePool::Lease::Lease(StorePool* pool, std::unique_ptr<Store> store) noexcept
    : pool_(pool), store_(std::move(store)) {}

StorePool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), store_(std::move(other.store_)) {}

StorePool::Lease& StorePool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Return();
    pool_ = other.pool_;
    store_ = std::move(other.store_);
  }
  return *this;
}

StorePool::Lease::~Lease() { Return(); }

void StorePool::Lease::Return() noexcept {
  if (store_ != nullptr) {
    pool_->Release(std::move(store_));
  }
}

}  // namespace cognito::storage
