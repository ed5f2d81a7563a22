// A minimal thread-safe logger writing one line per event to stderr. The level is process-wide
// and set once at start (main); messages below it are dropped cheaply.
#pragma once

#include <string_view>

namespace cognito::actions {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

void SetLogLevel(LogLevel level);
// Parses "debug" | "info" | "warn" | "error"; anything else is kInfo.
LogLevel ParseLogLevel(std::string_view name);
bool LogEnabled(LogLevel level);
void Log(LogLevel level, std::string_view message);

}  // namespace cognito::actions
