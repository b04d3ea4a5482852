// The migrator, on both backends: a case of the storage contract (the fixture is in
// storage_contract_fixture.hpp, the suite instantiated in storage_contract_test.cpp), on a database without
// migrations, with migration files of its own.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "storage/migrator.hpp"
#include "storage/storage_contract_fixture.hpp"
#include "support/clock.hpp"
#include "support/embedded_file.hpp"

namespace emporium::storage {
namespace {

constexpr EmbeddedFile kMigrations[] = {
    {"test/0001_first.sql", "CREATE TABLE mig_a (id BIGINT PRIMARY KEY, note TEXT NOT NULL);"},
    {"test/0002_second.sql", "CREATE TABLE mig_b (id BIGINT PRIMARY KEY); INSERT INTO mig_a VALUES (1, 'seeded');"},
};
constexpr EmbeddedFile kEditedMigrations[] = {
    {"test/0001_first.sql", "CREATE TABLE mig_a (id BIGINT PRIMARY KEY, note TEXT);"},
    kMigrations[1],
};

TEST_P(StorageContract, MigratorAppliesEachFileOnceAndRefusesEditedOnes) {
  const SystemClock clock;
  const auto applied = Migrator(db(), kMigrations, clock).migrate();
  ASSERT_EQ(applied.size(), 2u);
  EXPECT_EQ(applied[0].version, 1);
  EXPECT_EQ(applied[1].name, "second");
  EXPECT_EQ(query("SELECT note FROM mig_a").front().text(0), "seeded");

  EXPECT_TRUE(Migrator(db(), kMigrations, clock).migrate().empty());
  EXPECT_EQ(query("SELECT COUNT(*) FROM mig_a").front().integer(0), 1);

  try {
    Migrator(db(), kEditedMigrations, clock).migrate();
    ADD_FAILURE() << "an edited migration was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("changed"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace emporium::storage
