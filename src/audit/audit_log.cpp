#include "audit/audit_log.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace emporium::audit {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO audit_log (id, actor_id, action, target_type, target_id, details, client_ip, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
}  // namespace

void AuditLog::record(storage::Connection& connection, const AuditEntry& entry) {
  boost::json::object details;
  for (const auto& [key, value] : entry.details) details[key] = value;
  const auto id = ids_.next("aud");
  const auto json = boost::json::serialize(details);
  connection.execute(kInsert,
                     {std::string_view(id), storage::nullable(entry.actor_id), std::string_view(entry.action),
                      std::string_view(entry.target_type), std::string_view(entry.target_id), std::string_view(json),
                      std::string_view(entry.client_ip), to_unix_millis(clock_.now())});
}

}  // namespace emporium::audit
