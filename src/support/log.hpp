#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace emporium::log {

enum class Level { Debug, Info, Warn, Error };
enum class Format { Json, Text };

// One structured field of a log line.
struct Field {
  using Value = std::variant<std::string_view, std::int64_t, double, bool>;
  std::string_view key;
  Value value;

  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, std::int64_t v) : key(k), value(v) {}
  Field(std::string_view k, int v) : key(k), value(std::int64_t{v}) {}
  Field(std::string_view k, unsigned v) : key(k), value(std::int64_t{v}) {}
  Field(std::string_view k, long long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, unsigned long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
};
using Fields = std::initializer_list<Field>;

// Sets up the process logger: JSON lines (`{"ts":…,"level":…,"msg":…,fields…}`) or readable text, on
// stdout through a 64 KiB buffer that is written out once a second, on warnings and errors, and on flush().
void configure(Level level, Format format);
// Writes out what is buffered now (e.g. after announcing the listening port).
void flush();
// Flushes and stops the periodic flusher; call before exit.
void shutdown();

bool enabled(Level level);
void write(Level level, std::string_view message, Fields fields);

inline void debug(std::string_view message, Fields fields = {}) { write(Level::Debug, message, fields); }
inline void info(std::string_view message, Fields fields = {}) { write(Level::Info, message, fields); }
inline void warn(std::string_view message, Fields fields = {}) { write(Level::Warn, message, fields); }
inline void error(std::string_view message, Fields fields = {}) { write(Level::Error, message, fields); }

// Exposed for tests: the text one line would carry after the timestamp and level.
std::string format_line(Format format, std::string_view message, Fields fields);

}  // namespace emporium::log
