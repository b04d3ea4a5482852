// Deleting categories, the audit log, cache invalidation and concurrent moves, on SQLite and PostgreSQL.
#include "catalog/category_tree_fixture.hpp"

namespace emporium::catalog::category_testing {

class CategoryTreeWrites : public CategoryTree {};

TEST_P(CategoryTreeWrites, RefusesToDeleteACategoryWithChildren) {
  const auto a = create("A");
  create("B", a.category.id);
  const auto refused = service_->remove(admin_, a.category.id);
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().status, 409);
  EXPECT_EQ(refused.error().code, "category_has_children");
  EXPECT_TRUE(service_->get(a.category.id).has_value());
}

TEST_P(CategoryTreeWrites, RefusesToDeleteACategoryWithLiveProducts) {
  const auto a = create("A");
  const auto product = add_product(a.category.id, "draft");
  const auto invalidations = cache_.invalidations();
  const auto refused = service_->remove(admin_, a.category.id);
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().status, 409);
  EXPECT_EQ(refused.error().code, "category_not_empty");
  EXPECT_EQ(product_category(product), a.category.id);
  EXPECT_EQ(cache_.invalidations(), invalidations);
}

TEST_P(CategoryTreeWrites, DeletesACategoryHoldingOnlyArchivedProductsAndDetachesThem) {
  const auto a = create("A");
  const auto archived = add_product(a.category.id, "archived");
  clock_.advance(std::chrono::minutes(1));
  ASSERT_TRUE(service_->remove(admin_, a.category.id).has_value());
  EXPECT_EQ(product_category(archived), std::nullopt);
  EXPECT_EQ(product_version(archived), 2);
  EXPECT_EQ(service_->get(a.category.id).error().status, 404);
}

TEST_P(CategoryTreeWrites, DeletingWithReassignToMovesEveryProductAndBumpsItsVersion) {
  const auto a = create("A");
  const auto target = create("Target");
  const auto active = add_product(a.category.id, "active");
  const auto archived = add_product(a.category.id, "archived");
  const auto elsewhere = add_product(target.category.id, "active");
  clock_.advance(std::chrono::minutes(1));
  ASSERT_TRUE(service_->remove(admin_, a.category.id, std::string("target")).has_value());
  for (const auto& product : {active, archived}) {
    EXPECT_EQ(product_category(product), target.category.id);
    EXPECT_EQ(product_version(product), 2);
    EXPECT_EQ(product_updated_at(product), to_unix_millis(clock_.now()));
  }
  EXPECT_EQ(product_version(elsewhere), 1);
  EXPECT_EQ(service_->get(a.category.id).error().status, 404);
}

TEST_P(CategoryTreeWrites, RefusesAReassignTargetThatIsMissingOrTheCategoryItself) {
  const auto a = create("A");
  const auto product = add_product(a.category.id, "active");
  for (const auto& target : {a.category.id, std::string("a"), std::string("missing")}) {
    const auto refused = service_->remove(admin_, a.category.id, target);
    ASSERT_TRUE(refused.has_error()) << target;
    EXPECT_EQ(refused.error().status, 422);
    ASSERT_EQ(refused.error().errors.size(), 1u);
    EXPECT_EQ(refused.error().errors[0].field, "reassignTo");
  }
  EXPECT_EQ(product_category(product), a.category.id);
  EXPECT_EQ(service_->remove(admin_, "cat_01JDQ3ZZZZZZZZZZZZZZZZZZZZ").error().status, 404);
}

TEST_P(CategoryTreeWrites, RecordsEveryWriteInTheAuditLog) {
  const auto a = create("A");
  replace(a.category.id, input("A2"));
  const auto b = create("B");
  replace(a.category.id, input("A2", b.category.id));
  service_->remove(admin_, a.category.id + "x");  // refused: no entry
  ASSERT_TRUE(service_->remove(admin_, a.category.id).has_value());
  EXPECT_THAT(audit_actions(a.category.id),
              ElementsAre("category.created", "category.updated", "category.updated", "category.deleted"));
  EXPECT_EQ(audit_actor(a.category.id), admin_.user_id);

  const auto seeded = service_->create(CategoryActor{}, input("Seeded"));  // the system: no actor
  ASSERT_TRUE(seeded.has_value());
  EXPECT_TRUE(query("SELECT actor_id FROM audit_log WHERE target_id = $1", {std::string_view(seeded->category.id)})
                  .front()
                  .is_null(0));
}

TEST_P(CategoryTreeWrites, InvalidatesTheCacheOncePerSuccessfulWrite) {
  const auto a = create("A");
  EXPECT_EQ(cache_.invalidations(), 1);
  replace(a.category.id, input("A"));
  EXPECT_EQ(cache_.invalidations(), 2);
  EXPECT_TRUE(service_->create(admin_, input("B", std::nullopt, {.slug = "a"})).has_error());
  EXPECT_TRUE(service_->replace(admin_, a.category.id, input("A", a.category.id)).has_error());
  EXPECT_TRUE(service_->remove(admin_, "cat_01JDQ3ZZZZZZZZZZZZZZZZZZZZ").has_error());
  EXPECT_EQ(cache_.invalidations(), 2);
  EXPECT_TRUE(service_->remove(admin_, a.category.id).has_value());
  EXPECT_EQ(cache_.invalidations(), 3);
}

// Runs both moves at once, `rounds` times on fresh categories; each round exactly one may succeed.
struct Outcomes {
  std::atomic<int> moved{0};
  std::atomic<int> cycles{0};
  std::atomic<int> failed{0};
};

void move_at_once(CategoryService& service, const CategoryActor& actor,
                  const std::vector<std::pair<std::string, std::string>>& moves, Outcomes& outcomes) {
  std::latch start(static_cast<std::ptrdiff_t>(moves.size()));
  std::vector<std::thread> threads;
  for (const auto& [id, parent] : moves) {
    threads.emplace_back([&, id, parent] {
      start.arrive_and_wait();
      try {
        const auto result = service.replace(actor, id, input("Moved", parent));
        if (result) {
          ++outcomes.moved;
        } else if (result.error().code == "category_cycle") {
          ++outcomes.cycles;
        } else {
          ++outcomes.failed;
          ADD_FAILURE() << "replace refused: " << result.error().code;
        }
      } catch (const std::exception& e) {
        ++outcomes.failed;
        ADD_FAILURE() << "replace threw: " << e.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
}

TEST_P(CategoryTreeWrites, ConcurrentOppositeMovesNeverMakeACycle) {
  constexpr int kRounds = 8;
  Outcomes outcomes;
  for (int round = 0; round < kRounds; ++round) {
    const auto a = create("A");
    const auto b = create("B");
    move_at_once(*service_, admin_, {{a.category.id, b.category.id}, {b.category.id, a.category.id}}, outcomes);
  }
  EXPECT_EQ(outcomes.moved, kRounds);
  EXPECT_EQ(outcomes.cycles, kRounds);
  EXPECT_EQ(outcomes.failed, 0);
  expect_consistent_tree();
}

TEST_P(CategoryTreeWrites, ConcurrentMovesUnderEachOthersDescendantsNeverMakeACycle) {
  constexpr int kRounds = 8;
  Outcomes outcomes;
  for (int round = 0; round < kRounds; ++round) {
    const auto a = create("A");
    const auto b = create("B");
    const auto c = create("C", a.category.id);
    const auto d = create("D", b.category.id);
    // A under D and B under C: two disjoint pairs of rows, a cycle A → D → B → C → A if both went through.
    move_at_once(*service_, admin_, {{a.category.id, d.category.id}, {b.category.id, c.category.id}}, outcomes);
  }
  EXPECT_EQ(outcomes.moved, kRounds);
  EXPECT_EQ(outcomes.cycles, kRounds);
  EXPECT_EQ(outcomes.failed, 0);
  expect_consistent_tree();
}

INSTANTIATE_TEST_SUITE_P(Backends, CategoryTreeWrites, storage::all_backends(), storage::backend_name);

}  // namespace emporium::catalog::category_testing
