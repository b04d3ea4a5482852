// Products and variants against real databases: every TEST_P runs on SQLite and on PostgreSQL (the server
// EMPORIUM_TEST_POSTGRES_URL names: run under scripts/with-services).
#include "catalog/product_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_log.hpp"
#include "catalog/catalog_cache.hpp"
#include "catalog/product_list_params.hpp"
#include "catalog/product_store.hpp"
#include "catalog/testing/counting_cache.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::catalog {
namespace {
using http::Principal;
using http::Role;
using storage::Backend;

using catalog::testing::CountingCache;

ProductFields simple_product(std::string name, std::string sku, std::int64_t price = 1999) {
  ProductFields fields;
  fields.name = std::move(name);
  fields.currency = "USD";
  fields.status = ProductStatus::Active;
  fields.single.sku = std::move(sku);
  fields.single.price = price;
  fields.single.stock = 5;
  return fields;
}

VariantFields variant(std::string sku, StringMap options, std::int64_t price, std::int64_t stock = 1) {
  return VariantFields{.sku = std::move(sku),
                       .options = std::move(options),
                       .price = price,
                       .stock = stock,
                       .low_stock_threshold = std::nullopt,
                       .position = std::nullopt};
}

class Products : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    context_ = std::make_unique<CatalogContext>(
        CatalogContext{test_db_.database(), ids_, clock_, audit_, cache_, &ledger_, &events_});
    service_ = std::make_unique<ProductService>(*context_);
    vendor_ = {.user_id = new_user("vendor"), .role = Role::Vendor, .session_id = "", .api_key_id = ""};
    other_vendor_ = {.user_id = new_user("vendor"), .role = Role::Vendor, .session_id = "", .api_key_id = ""};
    admin_ = {.user_id = new_user("admin"), .role = Role::Admin, .session_id = "", .api_key_id = ""};
    customer_ = {.user_id = new_user("customer"), .role = Role::Customer, .session_id = "", .api_key_id = ""};
  }

  std::string new_user(std::string_view role) {
    auto id = ids_.next("usr");
    const auto email = id + "@example.com";
    test_db_.database().with_connection([&](storage::Connection& connection) {
      connection.execute(
          "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
          "VALUES ($1, $2, 'Test', $3, 'unused', $4, $4)",
          {std::string_view(id), std::string_view(email), role, to_unix_millis(clock_.now())});
    });
    return id;
  }

  std::int64_t count(std::string_view sql) {
    return storage::with_connection(
        test_db_.database(), [&](storage::Connection& connection) { return connection.query(sql).front().integer(0); });
  }

  ProductView create(ProductFields fields, const Principal* actor = nullptr) {
    auto created = service_->create(actor ? *actor : vendor_, std::move(fields));
    EXPECT_TRUE(created) << (created ? "" : created.error().detail);
    return created ? std::move(*created) : ProductView{};
  }

  storage::TestDatabase test_db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdGenerator ids_{clock_};
  audit::AuditLog audit_{ids_, clock_};
  events::EventLog events_{ids_, clock_};
  inventory::StockLedger ledger_{ids_, clock_, events_};
  CountingCache cache_;
  std::unique_ptr<CatalogContext> context_;
  std::unique_ptr<ProductService> service_;
  Principal vendor_, other_vendor_, admin_, customer_;
};

TEST_P(Products, AProductWithoutVariantsGetsOneDefaultVariantCarryingPriceAndStock) {
  const auto view = create(simple_product("Wireless Headphones", "WH-1", 19999));
  ASSERT_EQ(view.variants.size(), 1u);
  EXPECT_TRUE(view.variants[0].is_default);
  EXPECT_EQ(view.variants[0].sku, "WH-1");
  EXPECT_EQ(view.variants[0].price, 19999);
  EXPECT_EQ(view.variants[0].stock, 5);
  EXPECT_EQ(view.product.price, 19999);
  EXPECT_TRUE(view.product.in_stock);
  EXPECT_EQ(view.product.slug, "wireless-headphones");
  EXPECT_EQ(view.product.vendor_id, vendor_.user_id);
  EXPECT_EQ(view.product.version, 1);
  EXPECT_EQ(cache_.invalidations(), 1);
}

TEST_P(Products, ExplicitVariantsTakeTheProductPriceAsDefaultAndTheLowestPriceShows) {
  auto fields = simple_product("Tee", "unused");
  fields.single.sku.reset();
  fields.single.stock.reset();
  fields.single.price = 2500;
  fields.variants =
      std::vector<VariantFields>{variant("TEE-S", {{"size", "S"}}, 2000, 0), variant("TEE-M", {{"size", "M"}}, 0, 0)};
  (*fields.variants)[1].price.reset();
  const auto view = create(std::move(fields));
  ASSERT_EQ(view.variants.size(), 2u);
  EXPECT_EQ(view.variants[1].price, 2500);
  EXPECT_EQ(view.product.price, 2000);
  EXPECT_FALSE(view.product.in_stock);
  EXPECT_FALSE(view.variants[0].is_default);
}

TEST_P(Products, SlugsAreMadeUniqueAndStayWhenTheNameChanges) {
  const auto first = create(simple_product("Desk Lamp", "L-1"));
  const auto second = create(simple_product("Desk Lamp", "L-2"));
  EXPECT_EQ(first.product.slug, "desk-lamp");
  EXPECT_EQ(second.product.slug, "desk-lamp-2");
  ProductFields patch;
  patch.name = "Floor Lamp";
  auto renamed = service_->update(vendor_, first.product.id, patch, WriteMode::Patch, std::nullopt);
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->product.slug, "desk-lamp");
  EXPECT_EQ(renamed->product.name, "Floor Lamp");
}

// Product writes leave their business event, owned by the vendor, in the same transaction; refused ones none.
TEST_P(Products, WritesRecordProductEventsForTheVendor) {
  const auto made = create(simple_product("Event Lamp", "EV-1"));
  ProductFields patch;
  patch.description = "Brighter";
  ASSERT_TRUE(service_->update(vendor_, made.product.id, patch, WriteMode::Patch, std::nullopt));
  EXPECT_FALSE(service_->update(other_vendor_, made.product.id, patch, WriteMode::Patch, std::nullopt));
  ASSERT_TRUE(service_->archive(vendor_, made.product.id, std::nullopt));
  const auto kinds = storage::with_connection(test_db_.database(), [&](storage::Connection& connection) {
    std::vector<std::string> out;
    for (const auto row : connection.query("SELECT type, owner_id FROM events WHERE subject_id = $1 ORDER BY id",
                                           {std::string_view(made.product.id)})) {
      EXPECT_EQ(row.text(1), vendor_.user_id);
      out.emplace_back(row.text(0));
    }
    return out;
  });
  EXPECT_EQ(kinds, (std::vector<std::string>{"product.created", "product.updated", "product.deleted"}));
}

TEST_P(Products, AGivenSlugThatIsTakenIsAConflictAndChangesNothing) {
  create(simple_product("Desk Lamp", "L-1"));
  auto fields = simple_product("Other", "L-2");
  fields.slug = "desk-lamp";
  const auto before = cache_.invalidations();
  auto created = service_->create(vendor_, fields);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().status, 409);
  EXPECT_EQ(created.error().code, "slug_taken");
  EXPECT_EQ(count("SELECT COUNT(*) FROM products"), 1);
  EXPECT_EQ(cache_.invalidations(), before);
}

TEST_P(Products, SkusAreUniqueInTheStoreWithoutRegardToCase) {
  create(simple_product("One", "ABC-1"));
  auto created = service_->create(other_vendor_, simple_product("Two", "abc-1"));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, "sku_taken");
  EXPECT_EQ(count("SELECT COUNT(*) FROM product_variants"), 1);
}

TEST_P(Products, TwoVariantsWithTheSameOptionsOrSkuInOneBodyAreRefused) {
  auto fields = simple_product("Tee", "x");
  fields.single.sku.reset();
  fields.single.stock.reset();
  fields.variants = std::vector<VariantFields>{variant("A", {{"size", "S"}}, 1), variant("a", {{"size", "S"}}, 1)};
  auto created = service_->create(vendor_, fields);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().status, 422);
  ASSERT_EQ(created.error().errors.size(), 2u);
  EXPECT_EQ(created.error().errors[0].field, "variants[1].sku");
  EXPECT_EQ(created.error().errors[1].field, "variants[1].options");
}

TEST_P(Products, AnUnknownCategoryIsAFieldError) {
  auto fields = simple_product("Tee", "T-1");
  fields.category_id = "cat_nope";
  auto created = service_->create(vendor_, fields);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().status, 422);
  EXPECT_EQ(created.error().errors.at(0).field, "categoryId");
}

TEST_P(Products, DraftsAreSeenOnlyByTheirOwnerAndAdmins) {
  auto fields = simple_product("Secret", "S-1");
  fields.status = ProductStatus::Draft;
  const auto id = create(std::move(fields)).product.id;
  EXPECT_FALSE(service_->get(nullptr, id));
  EXPECT_FALSE(service_->get(&customer_, id));
  EXPECT_FALSE(service_->get(&other_vendor_, id));
  EXPECT_TRUE(service_->get(&vendor_, id));
  EXPECT_TRUE(service_->get(&admin_, id));
  EXPECT_EQ(service_->get(nullptr, id).error().status, 404);
}

TEST_P(Products, AnotherVendorCannotChangeOrArchiveAProduct) {
  const auto id = create(simple_product("Mine", "M-1")).product.id;
  ProductFields patch;
  patch.name = "Stolen";
  auto updated = service_->update(other_vendor_, id, patch, WriteMode::Patch, std::nullopt);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().status, 404);
  EXPECT_EQ(service_->archive(other_vendor_, id, std::nullopt).error().status, 404);
  EXPECT_TRUE(service_->update(admin_, id, patch, WriteMode::Patch, std::nullopt));
}

TEST_P(Products, IfMatchWithAnOldVersionIsRefusedAndChangesNothing) {
  const auto id = create(simple_product("Lamp", "L-1")).product.id;
  ProductFields patch;
  patch.description = "Bright";
  ASSERT_TRUE(service_->update(vendor_, id, patch, WriteMode::Patch, 1));
  patch.description = "Dim";
  auto stale = service_->update(vendor_, id, patch, WriteMode::Patch, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().status, 412);
  EXPECT_EQ(stale.error().code, "version_mismatch");
  EXPECT_EQ(service_->get(&vendor_, id)->product.description, "Bright");
  EXPECT_EQ(service_->get(&vendor_, id)->product.version, 2);
}

TEST_P(Products, PutReplacesWhatIsLeftOutWhilePatchKeepsIt) {
  auto fields = simple_product("Lamp", "L-1");
  fields.description = "Bright";
  fields.attributes = StringMap{{"color", "red"}};
  const auto id = create(std::move(fields)).product.id;
  ProductFields patch;
  patch.name = "Lamp 2";
  auto patched = service_->update(vendor_, id, patch, WriteMode::Patch, std::nullopt);
  ASSERT_TRUE(patched);
  EXPECT_EQ(patched->product.description, "Bright");
  EXPECT_EQ(patched->product.attributes.at("color"), "red");
  ProductFields replacement;
  replacement.name = "Lamp 3";
  replacement.currency = "EUR";
  auto replaced = service_->update(vendor_, id, replacement, WriteMode::Replace, std::nullopt);
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->product.description, "");
  EXPECT_TRUE(replaced->product.attributes.empty());
  EXPECT_EQ(replaced->product.currency, "EUR");
  EXPECT_EQ(replaced->product.status, ProductStatus::Active);  // status left out: kept
}

TEST_P(Products, ProductLevelPriceChangesTheSingleVariantButNotSeveral) {
  const auto id = create(simple_product("Lamp", "L-1", 1000)).product.id;
  ProductFields patch;
  patch.single.price = 1500;
  auto patched = service_->update(vendor_, id, patch, WriteMode::Patch, std::nullopt);
  ASSERT_TRUE(patched);
  EXPECT_EQ(patched->product.price, 1500);
  EXPECT_EQ(patched->variants.at(0).price, 1500);
  ASSERT_TRUE(service_->add_variant(vendor_, id, variant("L-2", {{"size", "XL"}}, 3000)));
  auto refused = service_->update(vendor_, id, patch, WriteMode::Patch, std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 422);
}

TEST_P(Products, VariantWritesMoveTheProductVersionPriceAndStockFlag) {
  const auto id = create(simple_product("Lamp", "L-1", 1000)).product.id;
  auto added = service_->add_variant(vendor_, id, variant("L-2", {{"size", "XL"}}, 500, 0));
  ASSERT_TRUE(added);
  EXPECT_EQ(added->currency, "USD");
  auto view = service_->get(&vendor_, id);
  EXPECT_EQ(view->product.price, 500);
  EXPECT_EQ(view->product.version, 2);
  const auto first = view->variants.at(0).id;
  VariantFields no_stock;
  no_stock.stock = 0;
  ASSERT_TRUE(service_->update_variant(vendor_, id, first, no_stock, WriteMode::Patch, std::nullopt));
  EXPECT_FALSE(service_->get(&vendor_, id)->product.in_stock);
  ASSERT_TRUE(service_->delete_variant(vendor_, id, added->variant.id, std::nullopt));
  view = service_->get(&vendor_, id);
  EXPECT_EQ(view->product.price, 1000);
  EXPECT_EQ(view->variants.size(), 1u);
  auto last = service_->delete_variant(vendor_, id, first, std::nullopt);
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().code, "last_variant");
}

TEST_P(Products, VariantOptionsAndSkusMustStayDistinct) {
  const auto id = create(simple_product("Tee", "T-1")).product.id;
  ASSERT_TRUE(service_->add_variant(vendor_, id, variant("T-2", {{"size", "M"}}, 100)));
  auto same_options = service_->add_variant(vendor_, id, variant("T-3", {{"size", "M"}}, 100));
  ASSERT_FALSE(same_options);
  EXPECT_EQ(same_options.error().code, "variant_options_taken");
  auto same_sku = service_->add_variant(vendor_, id, variant("t-2", {{"size", "L"}}, 100));
  ASSERT_FALSE(same_sku);
  EXPECT_EQ(same_sku.error().code, "sku_taken");
}

TEST_P(Products, ArchivingHidesTheProductAndKeepsItsVariantsForPastOrders) {
  const auto id = create(simple_product("Lamp", "L-1")).product.id;
  ASSERT_TRUE(service_->archive(vendor_, id, std::nullopt));
  EXPECT_FALSE(service_->get(nullptr, id));
  auto seen = service_->get(&vendor_, id);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->product.status, ProductStatus::Archived);
  EXPECT_TRUE(seen->product.archived_at.has_value());
  EXPECT_EQ(count("SELECT COUNT(*) FROM product_variants WHERE deleted_at IS NULL"), 1);
  // The archived product's SKU stays reserved.
  EXPECT_EQ(service_->create(vendor_, simple_product("Other", "L-1")).error().code, "sku_taken");
}

TEST_P(Products, WritesAreAudited) {
  const auto id = create(simple_product("Lamp", "L-1")).product.id;
  ASSERT_TRUE(service_->archive(vendor_, id, std::nullopt));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE target_type = 'product'"), 2);
}

TEST_P(Products, ListingShowsOwnDraftsToTheirVendorOnly) {
  create(simple_product("Public Lamp", "L-1"));
  auto draft = simple_product("Draft Lamp", "L-2");
  draft.status = ProductStatus::Draft;
  create(std::move(draft));
  ProductListParams params;
  EXPECT_EQ(service_->list(nullptr, params)->page.total, 1);
  EXPECT_EQ(service_->list(&customer_, params)->page.total, 1);
  EXPECT_EQ(service_->list(&other_vendor_, params)->page.total, 1);
  EXPECT_EQ(service_->list(&vendor_, params)->page.total, 2);
  EXPECT_EQ(service_->list(&admin_, params)->page.total, 2);
  params.status_filter = "draft";
  EXPECT_FALSE(service_->list(&customer_, params));
  EXPECT_EQ(service_->list(&other_vendor_, params)->page.total, 0);
  EXPECT_EQ(service_->list(&vendor_, params)->page.total, 1);
}

TEST_P(Products, ConcurrentCreatesWithOneSkuMakeExactlyOneProduct) {
  std::atomic<int> made{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      auto created = service_->create(vendor_, simple_product("Race " + std::to_string(i), "RACE-1"));
      if (created) {
        ++made;
      } else if (created.error().code == "sku_taken") {
        ++refused;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(made.load(), 1);
  EXPECT_EQ(refused.load(), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM product_variants"), 1);
}

TEST_P(Products, AnArchivedProductKeepsItsPartsUntilRestored) {
  const auto id = create(simple_product("Lamp", "L-1")).product.id;
  ASSERT_TRUE(service_->archive(vendor_, id, std::nullopt));
  auto added = service_->add_variant(vendor_, id, variant("L-2", {{"size", "XL"}}, 100));
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, "product_archived");
  ProductFields restore;
  restore.status = ProductStatus::Active;
  auto restored = service_->update(vendor_, id, restore, WriteMode::Patch, std::nullopt);
  ASSERT_TRUE(restored);
  EXPECT_FALSE(restored->product.archived_at.has_value());
  EXPECT_TRUE(service_->add_variant(vendor_, id, variant("L-2", {{"size", "XL"}}, 100)));
}

TEST_P(Products, ProductLevelVariantFieldsOnAProductWithSeveralVariantsAreBlamedOnThemselves) {
  const auto id = create(simple_product("Lamp", "L-1")).product.id;
  ASSERT_TRUE(service_->add_variant(vendor_, id, variant("L-2", {{"size", "XL"}}, 100)));
  ProductFields patch;
  patch.single.sku = "L-9";
  patch.single.stock = 3;
  auto refused = service_->update(vendor_, id, patch, WriteMode::Patch, std::nullopt);
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().errors.size(), 2u);
  EXPECT_EQ(refused.error().errors[0].field, "sku");
  EXPECT_EQ(refused.error().errors[1].field, "stock");
}

INSTANTIATE_TEST_SUITE_P(Backends, Products, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::catalog
