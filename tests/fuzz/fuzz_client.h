// The client side of the `http` fuzz target: one TCP connection to 127.0.0.1, the input written
// verbatim, a half-close, and everything the server sends read back until it closes.
//
// Signals: libFuzzer sends the process a SIGALRM every (-timeout / 2 + 1) seconds, 61 s under
// run.sh, with a handler installed without SA_RESTART, and it wakes the fuzzing thread blocked
// here (a socket with SO_RCVTIMEO would not even restart with SA_RESTART). The EINTR says nothing
// about the server: it only restarts the wait, for what is left of the exchange's one deadline.
// Threads: safe to call from any thread; it shares nothing.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cognito::fuzz {

// Connects, sends `bytes` (the server may close before taking them all: limits, malformed
// input), half-closes and returns what the server sent until it closed (a reset counts as
// closing). Fails through Require if the port does not accept, the server stops reading, it does
// not close within `deadline` of the call, or it sends more than `max_response` bytes.
std::string ExchangeHalfClosed(uint16_t port, std::string_view bytes,
                               std::chrono::milliseconds deadline, size_t max_response);

}  // namespace cognito::fuzz
