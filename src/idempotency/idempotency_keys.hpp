#pragma once
// Idempotency keys of POST requests (orders now, payments and refunds later): a key is stored per user with a
// fingerprint of the request it was first used with, so that
// - the same key with the same request answers the first response again, byte for byte, without redoing the work;
// - the same key with another request is refused (422 idempotency_key_reused);
// - the same key while the first request still runs is refused (409 idempotency_key_in_progress);
// - a claim left behind by a crash (older than the claim timeout) can be taken over, so no key is stuck forever;
// - keys live for `lifetime` (at least 24 h), then they are purged and may be used again.
//
// The protocol, for a use case that writes in one transaction and may then call another service:
//   1. In the use case's write transaction, `claim()` first. Proceed / Resume: do the work in the same
//      transaction (so that a failure rolls the claim back with the work: a failed request leaves no trace and
//      may be retried with the same key). Replay / InProgress / Mismatch: do nothing, answer accordingly.
//   2. After commit (and after any call to another service), `complete()` stores the response.
// A claim that is in progress holds committed work, so Resume means "a previous attempt crashed after its
// commit": the caller finds what that attempt made (orders remember their key) instead of making it again.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/database.hpp"
#include "support/clock.hpp"

namespace emporium::idempotency {

struct KeySettings {
  // A claim this old whose request never completed was left by a crash: another request may take it over.
  std::chrono::milliseconds claim_timeout{60'000};
  // How long a key is remembered (API.md: at least 24 h).
  std::chrono::milliseconds lifetime{std::chrono::hours(24)};
};

// The answer of the first request, kept to be answered again.
struct StoredResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers = {};  // Content-Type, Location…
  std::string body = {};
};

// A key as one user used it with one request.
struct KeyUse {
  std::string user_id = {};
  std::string key = {};
  std::string fingerprint = {};  // see request_fingerprint
};

enum class Decision {
  Proceed,     // the key is new (or expired): it is ours, do the work
  Resume,      // a crashed attempt's claim was taken over: find what it made, or do the work
  Replay,      // done before with the same request: answer `response`
  InProgress,  // the first request with this key still runs: 409
  Mismatch,    // the key was used with another request: 422
};

struct Claim {
  Decision decision = Decision::Proceed;
  std::string token = {};                       // Proceed / Resume: pass it to complete() or release()
  std::optional<StoredResponse> response = {};  // Replay
  Timestamp claimed_at = {};                    // Proceed / Resume: when the key was first used
};

class IdempotencyKeys {
 public:
  IdempotencyKeys(const Clock& clock, KeySettings settings = {}) : clock_(clock), settings_(settings) {}

  // Claims the key in the caller's write transaction (see the protocol above). On PostgreSQL a concurrent
  // claim of the same key waits here until the first transaction ends, then sees its outcome.
  Claim claim(storage::Connection& connection, const KeyUse& use);
  // A read-only look before any work (and outside any transaction): Replay, Mismatch or InProgress when the key
  // already decides the answer; nullopt when only claim() can tell (new, expired, or a stale claim). Lets a
  // repeat be answered from the key whatever has changed since (an address deleted, a method switched off).
  std::optional<Claim> peek(storage::Connection& connection, const KeyUse& use);
  // Stores the response of the claim `token` and marks the key done. False when the claim is no longer
  // this token's (taken over after a timeout): the response is then not stored.
  bool complete(storage::Connection& connection, const KeyUse& use, std::string_view token,
                const StoredResponse& response);
  // complete() in a transaction of its own, after the work committed: best effort. A failure is logged and
  // leaves the claim to time out; a retry then finds the work by its key.
  void complete_after(storage::Database& database, const KeyUse& use, std::string_view token,
                      const StoredResponse& response);
  // Forgets a claim whose work will not happen (for callers that claimed in a transaction of its own).
  void release(storage::Connection& connection, const KeyUse& use, std::string_view token);
  // Deletes the keys that have outlived their lifetime; returns how many.
  std::int64_t purge(storage::Connection& connection);

  const KeySettings& settings() const { return settings_; }

 private:
  std::optional<Claim> try_claim(storage::Connection& connection, const KeyUse& use, Timestamp now);
  bool expired(const storage::Row& row, Timestamp now) const;
  // What an existing, unexpired row decides by itself: Mismatch, Replay or InProgress; nullopt when stale.
  std::optional<Claim> decided(const storage::Row& row, const KeyUse& use, Timestamp now) const;

  const Clock& clock_;
  KeySettings settings_;
};

}  // namespace emporium::idempotency
