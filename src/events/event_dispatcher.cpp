#include "events/event_dispatcher.hpp"

#include <set>

#include "storage/sql_lists.hpp"

namespace emporium::events {
namespace {
using storage::Connection;

constexpr std::string_view kUndispatched =
    "SELECT id, type, subject_id, owner_id, data, created_at FROM events WHERE dispatched_at IS NULL "
    "ORDER BY id LIMIT $1";
constexpr std::string_view kMarkDispatched = "UPDATE events SET dispatched_at = $2 WHERE id = $1";

std::vector<StoredEvent> claim(Connection& connection, storage::Backend backend, std::size_t limit) {
  const auto sql = std::string(kUndispatched) + std::string(storage::skip_locked(backend));
  std::vector<StoredEvent> events;
  for (const auto row : connection.query(sql, {static_cast<std::int64_t>(limit)})) {
    events.push_back({.id = row.text(0),
                      .type = row.text(1),
                      .subject_id = row.text(2),
                      .owner_id = row.optional_text(3),
                      .data = row.text(4),
                      .created_at = from_unix_millis(row.integer(5))});
  }
  return events;
}
}  // namespace

std::size_t EventDispatcher::dispatch_batch(std::size_t limit) {
  std::size_t dispatched = 0;
  std::set<EventConsumer*> busy;
  database_.transaction(storage::TxMode::Write, [&](Connection& connection) {
    dispatched = 0;
    busy.clear();
    const auto now = to_unix_millis(clock_.now());
    for (const auto& event : claim(connection, database_.backend(), limit)) {
      for (auto* consumer : consumers_)
        if (consumer->plan(connection, event)) busy.insert(consumer);
      connection.execute(kMarkDispatched, {event.id, now});
      ++dispatched;
    }
    return true;
  });
  for (auto* consumer : busy) consumer->planned();
  return dispatched;
}

}  // namespace emporium::events
