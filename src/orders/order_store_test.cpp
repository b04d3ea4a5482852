#include "orders/order_store.hpp"

#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace emporium::orders {
namespace {
using storage::Backend;
using storage::Connection;
using storage::TxMode;
using namespace std::chrono_literals;

const Timestamp kT0 = from_unix_millis(1'800'000'000'000);

class OrderStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    write([](Connection& c) {
      for (const auto* user : {"usr_c1", "usr_c2", "usr_v1", "usr_v2"}) {
        c.execute(
            "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
            "VALUES ($1, $2, 'N', 'customer', 'x', 0, 0)",
            {std::string_view(user), std::string(user) + "@example.com"});
      }
      for (const auto* vendor : {"usr_v1", "usr_v2"}) {
        const std::string product = std::string("prod_") + vendor;
        const std::string variant = std::string("var_") + vendor;
        c.execute(
            "INSERT INTO products (id, vendor_id, slug, name, sort_name, status, currency, price, in_stock, "
            "created_at, updated_at) VALUES ($1, $2, $1, 'P', 'p', 'active', 'USD', 100, TRUE, 0, 0)",
            {std::string_view(product), std::string_view(vendor)});
        c.execute(
            "INSERT INTO product_variants (id, product_id, sku, sku_key, price, stock, created_at, updated_at) "
            "VALUES ($1, $2, $1, $1, 100, 10, 0, 0)",
            {std::string_view(variant), std::string_view(product)});
      }
    });
  }

  void write(const std::function<void(Connection&)>& work) {
    test_db_.database().transaction(TxMode::Write, [&](Connection& c) {
      work(c);
      return true;
    });
  }
  template <class Work>
  auto read(Work work) {
    return storage::with_connection(test_db_.database(), work);
  }

  // An order of `customer` at kT0 + `offset` with one line per vendor named.
  Order order(std::string id, std::string customer, std::chrono::milliseconds offset,
              std::vector<std::string> vendors) {
    Order o{.id = std::move(id),
            .customer_id = std::move(customer),
            .currency = "USD",
            .subtotal = 100 * static_cast<std::int64_t>(vendors.size()),
            .total = 100 * static_cast<std::int64_t>(vendors.size()),
            .shipping_address = {.full_name = "Ada", .line1 = "1 Way", .city = "Berlin", .country = "DE"},
            .billing_address = {.full_name = "Bob",
                                .line1 = "2 Way",
                                .line2 = "Flat 3",
                                .city = "Paris",
                                .postal_code = "75001",
                                .country = "FR",
                                .phone = "+33 1"},
            .payment_provider = "manual",
            .payment_status = "pending",
            .expires_at = kT0 + offset + 30min,
            .created_at = kT0 + offset,
            .updated_at = kT0 + offset};
    for (std::size_t i = 0; i < vendors.size(); ++i) {
      o.lines.push_back(OrderLine{.id = o.id + "_l" + std::to_string(i),
                                  .order_id = o.id,
                                  .position = static_cast<std::int64_t>(i),
                                  .product_id = "prod_" + vendors[i],
                                  .variant_id = "var_" + vendors[i],
                                  .vendor_id = vendors[i],
                                  .product_name = "P",
                                  .sku = "S",
                                  .options = {{"size", "M"}},
                                  .unit_price = 100,
                                  .quantity = 1,
                                  .line_total = 100});
    }
    write([&](Connection& c) { OrderStore::insert(c, o); });
    return o;
  }

  std::vector<std::string> listed(const OrderFilter& filter, std::int64_t limit = 10, std::int64_t offset = 0) {
    std::int64_t total = 0;
    std::vector<std::string> ids;
    for (const auto& o : read([&](Connection& c) { return OrderStore::list(c, filter, limit, offset, total); }))
      ids.push_back(o.id);
    total_ = total;
    return ids;
  }

  storage::TestDatabase test_db_{GetParam()};
  std::int64_t total_ = 0;
};

TEST_P(OrderStoreTest, AnOrderRoundTripsWithItsLinesAndAddresses) {
  const auto placed = order("ord_1", "usr_c1", 0ms, {"usr_v2", "usr_v1"});
  const auto found = read([](Connection& c) { return OrderStore::find(c, "ord_1"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->billing_address.line2, "Flat 3");
  EXPECT_EQ(found->billing_address.phone, "+33 1");
  EXPECT_FALSE(found->shipping_address.region);
  EXPECT_EQ(found->expires_at, placed.expires_at);
  EXPECT_EQ(found->version, 1);
  ASSERT_EQ(found->lines.size(), 2u);
  EXPECT_EQ(found->lines[0].vendor_id, "usr_v2");
  EXPECT_EQ(found->lines[0].options, (std::map<std::string, std::string>{{"size", "M"}}));
  EXPECT_FALSE(read([](Connection& c) { return OrderStore::find(c, "ord_2"); }));
}

TEST_P(OrderStoreTest, AStatusChangesOnlyFromTheStatusItWasReadIn) {
  order("ord_1", "usr_c1", 0ms, {"usr_v1"});
  bool changed = false;
  write([&](Connection& c) {
    changed =
        OrderStore::update_status(c, "ord_1", {.from = OrderStatus::Paid, .to = OrderStatus::Processing, .now = kT0});
  });
  EXPECT_FALSE(changed);
  write([&](Connection& c) {
    changed = OrderStore::update_status(c, "ord_1",
                                        {.from = OrderStatus::PendingPayment,
                                         .to = OrderStatus::Paid,
                                         .now = kT0 + 1s,
                                         .payment_status = "paid",
                                         .set_paid_at = true});
  });
  EXPECT_TRUE(changed);
  const auto paid = read([](Connection& c) { return OrderStore::find(c, "ord_1"); });
  EXPECT_EQ(paid->status, OrderStatus::Paid);
  EXPECT_EQ(paid->payment_status, "paid");
  EXPECT_EQ(paid->paid_at, kT0 + 1s);
  EXPECT_FALSE(paid->expires_at);
  EXPECT_EQ(paid->version, 2);
}

TEST_P(OrderStoreTest, ExpiryTakesOnlyOrdersWhoseTimeRanOut) {
  order("ord_1", "usr_c1", 0ms, {"usr_v1"});
  order("ord_2", "usr_c1", 10min, {"usr_v1"});
  EXPECT_EQ(read([](Connection& c) { return OrderStore::due_for_expiry(c, kT0 + 35min, 10); }),
            (std::vector<std::string>{"ord_1"}));
  bool changed = true;
  const StatusWrite early{.from = OrderStatus::PendingPayment,
                          .to = OrderStatus::Cancelled,
                          .now = kT0 + 35min,
                          .set_cancelled_at = true,
                          .expired_by = kT0 + 35min};
  write([&](Connection& c) { changed = OrderStore::update_status(c, "ord_2", early); });
  EXPECT_FALSE(changed) << "ord_2 has time until 40 min";
  write([&](Connection& c) { changed = OrderStore::update_status(c, "ord_1", early); });
  EXPECT_TRUE(changed);
  EXPECT_TRUE(read([](Connection& c) { return OrderStore::due_for_expiry(c, kT0 + 35min, 10); }).empty());
}

TEST_P(OrderStoreTest, ListsAreScopedFilteredAndNewestFirst) {
  order("ord_1", "usr_c1", 0ms, {"usr_v1"});
  order("ord_2", "usr_c2", 1min, {"usr_v1", "usr_v2"});
  order("ord_3", "usr_c1", 2min, {"usr_v2"});
  using Scope = OrderFilter::Scope;
  EXPECT_EQ(listed({.scope = Scope::Customer, .owner_id = "usr_c1"}), (std::vector<std::string>{"ord_3", "ord_1"}));
  EXPECT_EQ(total_, 2);
  EXPECT_EQ(listed({.scope = Scope::Vendor, .owner_id = "usr_v1"}), (std::vector<std::string>{"ord_2", "ord_1"}));
  EXPECT_EQ(listed({.scope = Scope::All}), (std::vector<std::string>{"ord_3", "ord_2", "ord_1"}));
  EXPECT_EQ(listed({.scope = Scope::All}, 1, 1), (std::vector<std::string>{"ord_2"}));
  EXPECT_EQ(total_, 3);
  EXPECT_EQ(listed({.scope = Scope::All, .owner_id = "usr_c2"}), (std::vector<std::string>{"ord_2"}));
  EXPECT_EQ(listed({.scope = Scope::All, .created_from = kT0 + 1min, .created_to = kT0 + 1min}),
            (std::vector<std::string>{"ord_2"}));
  write([](Connection& c) {
    OrderStore::update_status(c, "ord_3", {.from = OrderStatus::PendingPayment, .to = OrderStatus::Paid, .now = kT0});
  });
  EXPECT_EQ(listed({.scope = Scope::All, .status = OrderStatus::Paid}), (std::vector<std::string>{"ord_3"}));
  EXPECT_EQ(listed({.scope = Scope::Customer, .owner_id = "usr_c1", .status = OrderStatus::PendingPayment}),
            (std::vector<std::string>{"ord_1"}));
}

TEST_P(OrderStoreTest, VendorsShipTheirLinesAndTheRestStayUnshipped) {
  order("ord_1", "usr_c1", 0ms, {"usr_v1", "usr_v2"});
  std::int64_t shipped = 0;
  write([&](Connection& c) {
    shipped = OrderStore::ship_lines(c, "ord_1", std::string_view("usr_v1"), "DHL", "T1", kT0);
  });
  EXPECT_EQ(shipped, 1);
  EXPECT_EQ(read([](Connection& c) { return OrderStore::count_unshipped(c, "ord_1"); }), 1);
  write([&](Connection& c) {
    shipped = OrderStore::ship_lines(c, "ord_1", std::nullopt, std::nullopt, std::nullopt, kT0);
  });
  EXPECT_EQ(shipped, 1) << "only the line still unfulfilled";
  const auto found = read([](Connection& c) { return OrderStore::find(c, "ord_1"); });
  EXPECT_EQ(found->lines[0].tracking_number, "T1");
  EXPECT_FALSE(found->lines[1].carrier);
  EXPECT_EQ(found->lines[1].fulfillment, FulfillmentStatus::Shipped);
}

TEST_P(OrderStoreTest, AnOrderIsFoundByItsIdempotencyKeyFromItsClaimOn) {
  auto o = order("ord_1", "usr_c1", 0ms, {"usr_v1"});
  write([](Connection& c) { c.execute("UPDATE orders SET idempotency_key = 'k-1' WHERE id = 'ord_1'"); });
  EXPECT_TRUE(read([](Connection& c) { return OrderStore::find_by_key(c, "usr_c1", "k-1", kT0); }));
  EXPECT_FALSE(read([](Connection& c) { return OrderStore::find_by_key(c, "usr_c1", "k-1", kT0 + 1ms); }));
  EXPECT_FALSE(read([](Connection& c) { return OrderStore::find_by_key(c, "usr_c2", "k-1", kT0); }));
}

TEST_P(OrderStoreTest, TheTimelineIsOldestFirst) {
  order("ord_1", "usr_c1", 0ms, {"usr_v1"});
  write([](Connection& c) {
    OrderStore::insert_event(c, {.id = "oev_2",
                                 .order_id = "ord_1",
                                 .type = "status_changed",
                                 .from_status = OrderStatus::PendingPayment,
                                 .to_status = OrderStatus::Paid,
                                 .actor_id = "usr_a",
                                 .note = "wired",
                                 .data = R"({"x":1})",
                                 .created_at = kT0 + 1s});
    OrderStore::insert_event(c, {.id = "oev_1",
                                 .order_id = "ord_1",
                                 .type = "created",
                                 .to_status = OrderStatus::PendingPayment,
                                 .created_at = kT0});
  });
  const auto events = read([](Connection& c) { return OrderStore::events_of(c, "ord_1"); });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].id, "oev_1");
  EXPECT_FALSE(events[0].from_status);
  EXPECT_FALSE(events[0].actor_id);
  EXPECT_EQ(events[1].from_status, OrderStatus::PendingPayment);
  EXPECT_EQ(events[1].note, "wired");
  EXPECT_EQ(events[1].data, R"({"x":1})");
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderStoreTest, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::orders
