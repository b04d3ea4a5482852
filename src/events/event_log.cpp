#include "events/event_log.hpp"

namespace emporium::events {

std::string EventLog::record(storage::Connection& connection, const Event& event) {
  auto id = ids_.next("evt");
  connection.execute(
      "INSERT INTO events (id, type, subject_id, owner_id, data, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
      {id, event.type, event.subject_id, storage::nullable(event.owner_id), event.data, to_unix_millis(clock_.now())});
  return id;
}

}  // namespace emporium::events
