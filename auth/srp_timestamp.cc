// FormatSrpTimestamp / ParseSrpTimestamp (declared in auth/srp.h).
#include <array>
#include <chrono>
#include <cstdio>

#include "auth/srp.h"

namespace cognito::auth {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr int64_t kSecondsPerDay = 86400;

// Sequential reader over the timestamp; every method consumes input only on success.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool Literal(std::string_view expected) {
    if (text_.substr(pos_, expected.size()) != expected) {
      return false;
    }
    pos_ += expected.size();
    return true;
  }

  template <size_t kSize>
  std::optional<unsigned> Name(const std::array<std::string_view, kSize>& names) {
    for (unsigned i = 0; i < kSize; ++i) {
      if (Literal(names[i])) {
        return i;
      }
    }
    return std::nullopt;
  }

  // Exactly `count` ASCII digits.
  std::optional<int> Digits(size_t count) {
    if (pos_ + count > text_.size()) {
      return std::nullopt;
    }
    int value = 0;
    for (size_t i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
      value = value * 10 + (c - '0');
    }
    pos_ += count;
    return value;
  }

  // Day of month: [1-9] or [12][0-9] or 3[01]; a leading zero is a deviation.
  std::optional<int> DayOfMonth() {
    if (pos_ >= text_.size() || text_[pos_] == '0') {
      return std::nullopt;
    }
    const bool two_digits =
        pos_ + 1 < text_.size() && text_[pos_ + 1] >= '0' && text_[pos_ + 1] <= '9';
    std::optional<int> day = Digits(two_digits ? 2 : 1);
    if (!day || *day > 31) {
      return std::nullopt;
    }
    return day;
  }

  bool AtEnd() const { return pos_ == text_.size(); }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Floor division keeps timestamps before 1970 on the right calendar day.
int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

std::string FormatSrpTimestamp(int64_t unix_seconds) {
  const int64_t day_count = FloorDiv(unix_seconds, kSecondsPerDay);
  // The remainder, not unix_seconds - day_count * 86400: that product overflows near INT64_MIN.
  const int64_t remainder = unix_seconds % kSecondsPerDay;
  const int64_t second_of_day = remainder < 0 ? remainder + kSecondsPerDay : remainder;
  const sys_days date{days{day_count}};
  const std::chrono::year_month_day ymd{date};
  const std::chrono::weekday wd{date};
  std::array<char, 64> buffer{};
  const int written = std::snprintf(
      buffer.data(), buffer.size(), "%s %s %u %02d:%02d:%02d UTC %d",
      kWeekdays[wd.c_encoding()].data(), kMonths[static_cast<unsigned>(ymd.month()) - 1].data(),
      static_cast<unsigned>(ymd.day()), static_cast<int>(second_of_day / 3600),
      static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60),
      static_cast<int>(ymd.year()));
  return std::string(buffer.data(), static_cast<size_t>(written > 0 ? written : 0));
}

std::optional<int64_t> ParseSrpTimestamp(std::string_view text) {
  Cursor in(text);
  const std::optional<unsigned> weekday = in.Name(kWeekdays);
  if (!weekday || !in.Literal(" ")) {
    return std::nullopt;
  }
  const std::optional<unsigned> month = in.Name(kMonths);
  if (!month || !in.Literal(" ")) {
    return std::nullopt;
  }
  const std::optional<int> day = in.DayOfMonth();
  if (!day || !in.Literal(" ")) {
    return std::nullopt;
  }
  const std::optional<int> hour = in.Digits(2);
  if (!hour || *hour > 23 || !in.Literal(":")) {
    return std::nullopt;
  }
  const std::optional<int> minute = in.Digits(2);
  if (!minute || *minute > 59 || !in.Literal(":")) {
    return std::nullopt;
  }
  const std::optional<int> second = in.Digits(2);
  if (!second || *second > 59 || !in.Literal(" UTC ")) {
    return std::nullopt;
  }
  const std::optional<int> year = in.Digits(4);
  // A leading zero is a deviation too: FormatSrpTimestamp (like the clients) never pads the year.
  if (!year || *year < 1000 || !in.AtEnd()) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{*year}, std::chrono::month{*month + 1},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  const sys_days date{ymd};
  if (std::chrono::weekday{date}.c_encoding() != *weekday) {
    return std::nullopt;
  }
  return static_cast<int64_t>(date.time_since_epoch().count()) * kSecondsPerDay + *hour * 3600 +
         *minute * 60 + *second;
}

}  // namespace cognito::auth
