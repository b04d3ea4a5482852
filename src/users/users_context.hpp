#pragma once

#include "audit/audit_log.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::users {

// What every service of the users domain works with.
struct UsersContext {
  storage::Database& database;
  IdGenerator& ids;
  const Clock& clock;
  audit::AuditLog& audit;
};

// Where a request came from, for sessions and the audit log.
struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

}  // namespace emporium::users
