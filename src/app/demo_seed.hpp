#pragma once

#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::app {

// Loads the demo data once per database (a marker in app_settings makes a second run a no-op) and
// returns true when it did. Each domain adds its part here as it lands.
bool seed_demo(storage::Database& database, const Clock& clock, IdGenerator& ids);

}  // namespace emporium::app
