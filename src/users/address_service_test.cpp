// The address book against real databases: every TEST_P runs on SQLite (a temporary file) and on PostgreSQL (a
// database created for the case on the server EMPORIUM_TEST_POSTGRES_URL names, dropped after it). Without that
// variable the PostgreSQL cases fail: run them under scripts/with-services. The validation rules alone are
// tested in address_rules_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_log.hpp"
#include "storage/testing/test_database.hpp"
#include "users/address_service.hpp"
#include "users/address_store.hpp"
#include "users/address_test_samples.hpp"

namespace emporium::users {
namespace {
using storage::Backend;
using ::testing::ElementsAre;
using testing::fields_of;
using testing::home;
using ::testing::IsEmpty;
using testing::office;

// ---- Fixtures ------------------------------------------------------------------------------------------------
AddressInput with_defaults(AddressInput input, std::optional<bool> shipping, std::optional<bool> billing) {
  input.is_default_shipping = shipping;
  input.is_default_billing = billing;
  return input;
}

class AddressBook : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    context_ = std::make_unique<UsersContext>(UsersContext{database(), ids_, clock_, audit_});
    service_ = std::make_unique<AddressService>(*context_);
    alice_ = new_user();
    bob_ = new_user();
  }

  storage::Database& database() { return test_db_.database(); }

  // Addresses belong to users that exist.
  std::string new_user() {
    auto id = ids_.next("usr");
    const auto email = id + "@example.com";
    const auto now = to_unix_millis(clock_.now());
    execute(
        "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
        "VALUES ($1, $2, 'Test', 'customer', 'unused', $3, $3)",
        {std::string_view(id), std::string_view(email), now});
    return id;
  }

  void execute(std::string_view sql, std::initializer_list<storage::Param> params) {
    database().with_connection([&](storage::Connection& connection) { connection.execute(sql, params); });
  }

  Address create(const std::string& user, AddressInput input) {
    auto address = service_->create(user, std::move(input));
    if (!address) throw std::runtime_error("create failed: " + address.error().code);
    return *address;
  }

  ManualClock clock_{from_unix_millis(1'767'225'600'000)};  // 2026-01-01T00:00:00Z
  IdGenerator ids_{clock_};
  audit::AuditLog audit_{ids_, clock_};
  storage::TestDatabase test_db_{GetParam()};  // fresh and migrated; outlives the service using it
  std::unique_ptr<UsersContext> context_;
  std::unique_ptr<AddressService> service_;
  std::string alice_;
  std::string bob_;
};

TEST_P(AddressBook, CreatesListsGetsReplacesAndDeletes) {
  const auto created = create(alice_, home());
  EXPECT_TRUE(is_valid_id(created.id, "addr")) << created.id;
  EXPECT_EQ(created.user_id, alice_);
  EXPECT_EQ(created.label, "Home");
  EXPECT_EQ(created.full_name, "Ada Lovelace");
  EXPECT_EQ(created.line2, std::nullopt);
  EXPECT_EQ(created.postal_code, "SW1Y 4JH");
  EXPECT_EQ(created.country, "GB");
  EXPECT_EQ(created.created_at, clock_.now());
  EXPECT_EQ(created.updated_at, clock_.now());

  const auto fetched = service_->get(alice_, created.id);
  ASSERT_TRUE(fetched.has_value());
  EXPECT_EQ(fetched->phone, "+44 20 7946 0000");
  EXPECT_EQ(fetched->created_at, created.created_at);

  clock_.advance(std::chrono::minutes(5));
  const auto replaced = service_->replace(alice_, created.id, with_defaults(office(), true, true));
  ASSERT_TRUE(replaced.has_value());
  EXPECT_EQ(replaced->id, created.id);
  EXPECT_EQ(replaced->label, std::nullopt);  // full replace: what is not sent is gone
  EXPECT_EQ(replaced->line2, "Building 4");
  EXPECT_EQ(replaced->region, "VA");
  EXPECT_EQ(replaced->created_at, created.created_at);
  EXPECT_EQ(replaced->updated_at, clock_.now());

  const auto listed = service_->list(alice_);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].full_name, "Grace Hopper");
  EXPECT_EQ(listed[0].phone, std::nullopt);
  EXPECT_EQ(listed[0].updated_at, clock_.now());

  EXPECT_TRUE(service_->remove(alice_, created.id).has_value());
  EXPECT_EQ(service_->get(alice_, created.id).error().status, 404);
  EXPECT_EQ(service_->remove(alice_, created.id).error().status, 404);
  EXPECT_THAT(service_->list(alice_), IsEmpty());
}

TEST_P(AddressBook, ListsInOrderOfCreation) {
  std::vector<std::string> ids;
  for (const auto* name : {"First", "Second", "Third"}) {
    auto input = home();
    input.full_name = name;
    ids.push_back(create(alice_, input).id);
    clock_.advance(std::chrono::seconds(1));
  }
  std::vector<std::string> listed;
  for (const auto& address : service_->list(alice_)) listed.push_back(address.id);
  EXPECT_EQ(listed, ids);
}

TEST_P(AddressBook, NormalisesBeforeStoring) {
  auto input = home();
  input.full_name = "  Ada Lovelace \t";
  input.country = " gb ";
  input.line2 = "   ";
  input.label = "";
  const auto address = create(alice_, input);
  EXPECT_EQ(address.full_name, "Ada Lovelace");
  EXPECT_EQ(address.country, "GB");
  EXPECT_EQ(address.line2, std::nullopt);
  EXPECT_EQ(address.label, std::nullopt);
  EXPECT_EQ(service_->get(alice_, address.id)->country, "GB");
}

TEST_P(AddressBook, RefusesInvalidInputWithEveryErrorAtOnceAndStoresNothing) {
  const AddressInput input{.label = std::string(51, 'x'),
                           .full_name = "",
                           .line1 = std::string(201, 'x'),
                           .line2 = std::string(201, 'x'),
                           .city = "",
                           .region = std::string(101, 'x'),
                           .postal_code = "SW1Y_4JH",
                           .country = "XX",
                           .phone = "call me"};
  const auto created = service_->create(alice_, input);
  ASSERT_TRUE(created.has_error());
  EXPECT_EQ(created.error().status, 422);
  EXPECT_EQ(created.error().code, "validation_failed");
  EXPECT_THAT(fields_of(created.error().errors),
              ElementsAre("label", "fullName", "line1", "line2", "city", "region", "postalCode", "country", "phone"));
  EXPECT_THAT(service_->list(alice_), IsEmpty());

  const auto existing = create(alice_, home());
  const auto replaced = service_->replace(alice_, existing.id, input);
  ASSERT_TRUE(replaced.has_error());
  EXPECT_EQ(replaced.error().errors.size(), 9u);
  EXPECT_EQ(service_->get(alice_, existing.id)->full_name, "Ada Lovelace");
}

TEST_P(AddressBook, AnotherUsersAddressIsNotFound) {
  const auto address = create(alice_, home());
  for (const auto& result : {service_->get(bob_, address.id), service_->replace(bob_, address.id, office())}) {
    ASSERT_TRUE(result.has_error());
    EXPECT_EQ(result.error().status, 404);
  }
  EXPECT_EQ(service_->remove(bob_, address.id).error().status, 404);
  EXPECT_EQ(service_->find_for_user(bob_, address.id), std::nullopt);
  EXPECT_THAT(service_->list(bob_), IsEmpty());
  // An unknown id answers the same, well-formed or not.
  const auto unknown = service_->get(alice_, ids_.next("addr"));
  const auto garbage = service_->get(alice_, "'; DROP TABLE addresses; --");
  EXPECT_EQ(unknown.error().status, 404);
  EXPECT_EQ(garbage.error().detail, unknown.error().detail);

  const auto mine = service_->find_for_user(alice_, address.id);
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->full_name, "Ada Lovelace");  // bob's attempts changed nothing
}

TEST_P(AddressBook, HoldsAtMostTwentyAddresses) {
  for (int i = 0; i < AddressService::kMaxAddresses; ++i) create(alice_, home());
  const auto refused = service_->create(alice_, home());
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().status, 409);
  EXPECT_EQ(refused.error().code, "address_limit_reached");
  EXPECT_EQ(service_->list(alice_).size(), 20u);

  create(bob_, home());  // the limit is per user
  ASSERT_TRUE(service_->remove(alice_, service_->list(alice_).back().id).has_value());
  EXPECT_TRUE(service_->create(alice_, home()).has_value());
}

TEST_P(AddressBook, FirstAddressBecomesTheDefaultUnlessItSaysOtherwise) {
  const auto first = create(alice_, home());
  EXPECT_TRUE(first.is_default_shipping);
  EXPECT_TRUE(first.is_default_billing);
  const auto second = create(alice_, office());
  EXPECT_FALSE(second.is_default_shipping);
  EXPECT_FALSE(second.is_default_billing);
  EXPECT_EQ(service_->default_shipping(alice_)->id, first.id);

  const auto declined = create(bob_, with_defaults(home(), false, std::nullopt));
  EXPECT_FALSE(declined.is_default_shipping);
  EXPECT_TRUE(declined.is_default_billing);
  EXPECT_EQ(service_->default_shipping(bob_), std::nullopt);
}

TEST_P(AddressBook, ANewDefaultTakesTheFlagFromTheOldOne) {
  const auto first = create(alice_, home());  // default for both
  clock_.advance(std::chrono::seconds(1));
  const auto second = create(alice_, with_defaults(office(), true, std::nullopt));
  EXPECT_TRUE(second.is_default_shipping);
  EXPECT_EQ(service_->default_shipping(alice_)->id, second.id);
  const auto old = service_->get(alice_, first.id);
  EXPECT_FALSE(old->is_default_shipping);
  EXPECT_TRUE(old->is_default_billing);  // only the kind that was set moves
  EXPECT_EQ(old->updated_at, clock_.now());

  clock_.advance(std::chrono::seconds(1));
  const auto third = create(alice_, home());
  ASSERT_TRUE(service_->replace(alice_, third.id, with_defaults(home(), std::nullopt, true)).has_value());
  EXPECT_FALSE(service_->get(alice_, first.id)->is_default_billing);
  EXPECT_TRUE(service_->get(alice_, second.id)->is_default_shipping);

  // Setting the flag an address already has keeps it.
  ASSERT_TRUE(service_->replace(alice_, second.id, with_defaults(office(), true, false)).has_value());
  EXPECT_EQ(service_->default_shipping(alice_)->id, second.id);
}

TEST_P(AddressBook, ReplacingWithoutTheFlagsDropsTheDefault) {
  const auto first = create(alice_, home());
  const auto replaced = service_->replace(alice_, first.id, home());
  ASSERT_TRUE(replaced.has_value());
  EXPECT_FALSE(replaced->is_default_shipping);
  EXPECT_FALSE(replaced->is_default_billing);
  EXPECT_EQ(service_->default_shipping(alice_), std::nullopt);
}

TEST_P(AddressBook, DeletingTheDefaultPromotesNothing) {
  const auto first = create(alice_, home());
  const auto second = create(alice_, office());
  ASSERT_TRUE(service_->remove(alice_, first.id).has_value());
  EXPECT_EQ(service_->default_shipping(alice_), std::nullopt);
  EXPECT_FALSE(service_->get(alice_, second.id)->is_default_billing);
  // An emptied address book starts over: its next first address is the default again.
  ASSERT_TRUE(service_->remove(alice_, second.id).has_value());
  EXPECT_TRUE(create(alice_, office()).is_default_shipping);
}

TEST_P(AddressBook, ConcurrentCreatesNeverExceedTheLimit) {
  std::atomic<int> created{0};
  std::atomic<int> refused{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        try {
          const auto result = service_->create(alice_, home());
          if (result) {
            ++created;
          } else if (result.error().code == "address_limit_reached") {
            ++refused;
          } else {
            ++failed;
          }
        } catch (const std::exception& e) {
          ++failed;
          ADD_FAILURE() << "create threw: " << e.what();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created, 20);
  EXPECT_EQ(refused, 20);
  EXPECT_EQ(failed, 0);
  const auto addresses = service_->list(alice_);
  EXPECT_EQ(addresses.size(), 20u);
  const auto defaults = std::count_if(addresses.begin(), addresses.end(),
                                      [](const Address& a) { return a.is_default_shipping && a.is_default_billing; });
  EXPECT_EQ(defaults, 1);  // exactly one of them was first
}

TEST_P(AddressBook, DeleteAllForUserDeletesOnlyTheirs) {
  create(alice_, home());
  create(alice_, office());
  const auto bobs = create(bob_, home());
  database().transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    AddressStore::delete_all_for_user(connection, alice_);
    return true;
  });
  EXPECT_THAT(service_->list(alice_), IsEmpty());
  EXPECT_EQ(service_->list(bob_).size(), 1u);
  EXPECT_TRUE(service_->find_for_user(bob_, bobs.id).has_value());
}

TEST_P(AddressBook, ADeletedOrUnknownUserCannotAddAddresses) {
  execute("UPDATE users SET deleted_at = $2 WHERE id = $1", {std::string_view(alice_), to_unix_millis(clock_.now())});
  const auto refused = service_->create(alice_, home());
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().status, 404);
  EXPECT_EQ(service_->create("usr_nobody", home()).error().status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, AddressBook, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::users
