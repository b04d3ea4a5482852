#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::audit {

struct AuditEntry {
  std::optional<std::string> actor_id;  // who did it; empty for anonymous actions
  std::string action;                   // "user.role_changed"
  std::string target_type;              // "user"
  std::string target_id;
  std::vector<std::pair<std::string, std::string>> details;  // stored as a JSON object of strings
  std::string client_ip;
};

// Records security-relevant changes in the same transaction as the change itself, so that the log holds an
// entry exactly when the change committed.
class AuditLog {
 public:
  AuditLog(IdGenerator& ids, const Clock& clock) : ids_(ids), clock_(clock) {}
  void record(storage::Connection& connection, const AuditEntry& entry);

 private:
  IdGenerator& ids_;
  const Clock& clock_;
};

}  // namespace emporium::audit
