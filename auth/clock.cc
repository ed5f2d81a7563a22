#include "auth/clock.h"

#include <chrono>

namespace cognito::auth {

int64_t SystemClock::NowMillis() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace cognito::auth
