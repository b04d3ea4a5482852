#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/principal.hpp"
#include "support/clock.hpp"

namespace emporium::users {

// Remembers which sessions are live, so that checking an access token costs no database round trip.
// Revocations made by this node take effect at once and are never overwritten by an older "active" read;
// revocations made by other nodes are seen within `ttl` (until the scale-out work fans them out through Redis).
class SessionCache {
 public:
  enum class State { Unknown, Active, Revoked };

  SessionCache(const Clock& clock, std::chrono::milliseconds ttl, std::size_t max_entries = 100'000);
  State state(const std::string& session_id);
  void remember_active(const std::string& session_id);
  void remember_revoked(const std::string& session_id);

 private:
  struct Entry {
    bool revoked = false;
    Timestamp checked_at;
  };
  void make_room();

  const Clock& clock_;
  std::chrono::milliseconds ttl_;
  std::size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

// API keys by the hash of their secret, with the principal they act as, for `ttl`. Revoking a key, or
// disabling or changing the role of its owner, forgets every entry (these are rare).
class ApiKeyCache {
 public:
  ApiKeyCache(const Clock& clock, std::chrono::milliseconds ttl, std::size_t max_entries = 10'000);
  std::optional<http::Principal> find(const std::string& key_hash);
  void remember(const std::string& key_hash, const http::Principal& principal);
  void forget_all();

 private:
  struct Entry {
    http::Principal principal;
    Timestamp cached_at;
  };
  const Clock& clock_;
  std::chrono::milliseconds ttl_;
  std::size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace emporium::users
