#pragma once

#include <string_view>

#include "storage/database.hpp"
#include "support/clock.hpp"

namespace emporium::storage {

// Serialises, until the transaction ends, every transaction that takes the lock of the same name: a row of
// app_settings written with an upsert (which takes the row lock on PostgreSQL whether the row is new or not, so
// no migration has to create it; SQLite write transactions are serial anyway). For rules no single row guards:
// a tree without cycles, slugs made from names, files shared by content.
void lock_named(Connection& connection, std::string_view name, Timestamp now);

}  // namespace emporium::storage
