#include "users/credential_cache.hpp"

namespace emporium::users {

SessionCache::SessionCache(const Clock& clock, std::chrono::milliseconds ttl, std::size_t max_entries)
    : clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

SessionCache::State SessionCache::state(const std::string& session_id) {
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(session_id);
  if (found == entries_.end()) return State::Unknown;
  if (found->second.revoked) return State::Revoked;
  if (clock_.now() - found->second.checked_at >= ttl_) return State::Unknown;
  return State::Active;
}

void SessionCache::remember_active(const std::string& session_id) {
  const std::lock_guard lock(mutex_);
  auto found = entries_.find(session_id);
  if (found != entries_.end()) {
    if (!found->second.revoked) found->second.checked_at = clock_.now();
    return;
  }
  make_room();
  entries_.emplace(session_id, Entry{false, clock_.now()});
}

void SessionCache::remember_revoked(const std::string& session_id) {
  const std::lock_guard lock(mutex_);
  make_room();
  entries_[session_id] = Entry{true, clock_.now()};
}

void SessionCache::make_room() {
  if (entries_.size() < max_entries_) return;
  // Expired "active" entries go first; if that is not enough, start over (the database still knows).
  const auto now = clock_.now();
  std::erase_if(entries_,
                [&](const auto& entry) { return !entry.second.revoked && now - entry.second.checked_at >= ttl_; });
  if (entries_.size() >= max_entries_) entries_.clear();
}

ApiKeyCache::ApiKeyCache(const Clock& clock, std::chrono::milliseconds ttl, std::size_t max_entries)
    : clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

std::optional<http::Principal> ApiKeyCache::find(const std::string& key_hash) {
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(key_hash);
  if (found == entries_.end() || clock_.now() - found->second.cached_at >= ttl_) return std::nullopt;
  return found->second.principal;
}

void ApiKeyCache::remember(const std::string& key_hash, const http::Principal& principal) {
  const std::lock_guard lock(mutex_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key_hash] = Entry{principal, clock_.now()};
}

void ApiKeyCache::forget_all() {
  const std::lock_guard lock(mutex_);
  entries_.clear();
}

}  // namespace emporium::users
