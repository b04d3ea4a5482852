#pragma once
// SQL for lists of values, the same on both backends: placeholders for IN lists and multi-row VALUES.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"
#include "storage/value.hpp"

namespace emporium::storage {

// "$first, $first+1, …": `count` placeholders (count ≥ 1), for an IN list or one row of a VALUES list.
std::string placeholders(std::size_t count, std::size_t first = 1);
// The values as text parameters. They view `values`, which must outlive the query.
std::vector<Param> text_params(std::span<const std::string> values);

// The clause that ends a SELECT of queue rows (events, mail, webhook deliveries) claimed by one worker while
// other nodes' workers pass over them: " FOR UPDATE SKIP LOCKED" on PostgreSQL; nothing on SQLite, whose
// write transactions already run one at a time.
std::string_view skip_locked(Backend backend);

}  // namespace emporium::storage
