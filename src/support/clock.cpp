#include "support/clock.hpp"

#include <charconv>
#include <cstdio>

namespace emporium {

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

ManualClock::ManualClock(Timestamp start) : millis_(to_unix_millis(start)) {}

Timestamp ManualClock::now() const { return from_unix_millis(millis_.load()); }

void ManualClock::advance(std::chrono::milliseconds by) { millis_ += by.count(); }

void ManualClock::set(Timestamp to) { millis_ = to_unix_millis(to); }

std::int64_t to_unix_millis(Timestamp t) { return t.time_since_epoch().count(); }

Timestamp from_unix_millis(std::int64_t millis) { return Timestamp(std::chrono::milliseconds(millis)); }

std::string to_iso8601(Timestamp t) {
  using namespace std::chrono;
  const auto day_point = floor<days>(t);
  const year_month_day date{day_point};
  const hh_mm_ss time{t - day_point};
  char text[40];
  const auto millis = time.subseconds().count();
  if (millis == 0) {
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02lldZ", int(date.year()), unsigned(date.month()),
                  unsigned(date.day()), long(time.hours().count()), long(time.minutes().count()),
                  static_cast<long long>(time.seconds().count()));
  } else {
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02lld.%03lldZ", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), long(time.hours().count()),
                  long(time.minutes().count()), static_cast<long long>(time.seconds().count()),
                  static_cast<long long>(millis));
  }
  return text;
}

namespace {
bool read_number(std::string_view text, std::size_t at, std::size_t width, int& out) {
  if (at + width > text.size()) return false;
  const char* first = text.data() + at;
  const auto [end, error] = std::from_chars(first, first + width, out);
  return error == std::errc() && end == first + width;
}
}  // namespace

std::optional<Timestamp> parse_iso8601(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':')
    return std::nullopt;
  if (!read_number(text, 0, 4, y) || !read_number(text, 5, 2, mo) || !read_number(text, 8, 2, d) ||
      !read_number(text, 11, 2, h) || !read_number(text, 14, 2, mi) || !read_number(text, 17, 2, s))
    return std::nullopt;
  std::size_t at = 19;
  int millis = 0;
  if (at < text.size() && text[at] == '.') {
    std::size_t digits = 0;
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[at] - '0');
      ++digits;
      ++at;
    }
    if (digits == 0) return std::nullopt;
    for (auto i = digits; i < 3; ++i) millis *= 10;
  }
  int offset_minutes = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int oh = 0, om = 0;
    if (at + 6 > text.size() || text[at + 3] != ':' || !read_number(text, at + 1, 2, oh) ||
        !read_number(text, at + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = (text[at] == '+' ? 1 : -1) * (oh * 60 + om);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  const auto point =
      sys_days{date} + hours{h} + minutes{mi} + seconds{s} + milliseconds{millis} - minutes{offset_minutes};
  return time_point_cast<milliseconds>(point);
}

}  // namespace emporium
