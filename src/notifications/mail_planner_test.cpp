// The mail consumer against real databases (SQLite and PostgreSQL): which events mail whom, the customer's
// emailOrderUpdates preference, the values the messages are rendered with, and planning an event twice.
#include "notifications/mail_planner.hpp"

#include <gtest/gtest.h>

#include "events/event_dispatcher.hpp"
#include "events/event_log.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::notifications {
namespace {
using namespace std::chrono_literals;
using storage::Backend;
using storage::Connection;

constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, email, name, role, password_hash, email_order_updates, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, 'x', $5, 0, 0)";
constexpr std::string_view kInsertProduct =
    "INSERT INTO products (id, vendor_id, slug, name, sort_name, status, currency, price, in_stock, created_at, "
    "updated_at) VALUES ($1, $2, $1, $3, $3, 'active', 'EUR', 1250, TRUE, 0, 0)";
constexpr std::string_view kInsertVariant =
    "INSERT INTO product_variants (id, product_id, sku, sku_key, price, stock, created_at, updated_at) "
    "VALUES ($1, $2, 'TEA-1', 'tea-1', 1250, 3, 0, 0)";
constexpr std::string_view kInsertOrder =
    "INSERT INTO orders (id, customer_id, status, currency, subtotal, discount, shipping, tax, total, coupon_code, "
    "shipping_address, billing_address, payment_provider, payment_status, created_at, updated_at) "
    "VALUES ($1, $2, 'pending_payment', 'EUR', 2500, 500, 490, 380, 2870, 'SPRING', $3, $3, 'manual', 'pending', "
    "1795000000000, 0)";
constexpr std::string_view kInsertLine =
    "INSERT INTO order_lines (id, order_id, position, product_id, variant_id, vendor_id, product_name, sku, options, "
    "unit_price, quantity, line_total, carrier, tracking_number) "
    "VALUES ($1, $2, 0, $3, $4, $5, $6, 'TEA-1', '{\"size\":\"L\"}', 1250, 2, 2500, 'DHL', 'JD0042')";
constexpr std::string_view kAddress =
    R"({"fullName":"Zoë Lovelace","line1":"1 Analytical Way","city":"Berlin","postalCode":"10115","country":"DE"})";

class Planner : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db().transaction(storage::TxMode::Write, [](Connection& c) {
      c.execute(kInsertUser, {"usr_customer", "zoe@example.com", "Zoë Lovelace", "customer", true});
      c.execute(kInsertUser, {"usr_vendor", "vendor@example.com", "Tea Vendor", "vendor", true});
      c.execute(kInsertProduct, {"prd_tea", "usr_vendor", "<script>alert(1)</script> Tea"});
      c.execute(kInsertVariant, {"var_tea", "prd_tea"});
      c.execute(kInsertOrder, {"ord_1", "usr_customer", kAddress});
      c.execute(kInsertLine, {"oli_1", "ord_1", "prd_tea", "var_tea", "usr_vendor", "<script>alert(1)</script> Tea"});
      return true;
    });
    dispatcher_.add(planner_);
  }
  storage::Database& db() { return test_db_.database(); }

  void record(const std::string& type, const std::string& subject, const std::string& data,
              std::optional<std::string> owner = std::nullopt) {
    clock_.advance(1ms);
    db().transaction(storage::TxMode::Write, [&](Connection& c) {
      log_.record(c, {.type = type, .subject_id = subject, .owner_id = std::move(owner), .data = data});
      return true;
    });
  }
  struct Row {
    std::string kind, recipient, name, subject, text, html;
  };
  std::vector<Row> queued() {
    return storage::with_connection(db(), [](Connection& c) {
      std::vector<Row> rows;
      for (const auto row : c.query("SELECT kind, recipient, recipient_name, subject, text_body, html_body "
                                    "FROM mail_messages ORDER BY id"))
        rows.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)});
      return rows;
    });
  }

  storage::TestDatabase test_db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdGenerator ids_{clock_};
  events::EventLog log_{ids_, clock_};
  int wakes_ = 0;
  MailPlanner planner_{
      ids_, clock_, {.store_name = "Tea & Co", .storefront_url = "https://shop.test"}, [this] { ++wakes_; }};
  events::EventDispatcher dispatcher_{db(), clock_};
};

TEST_P(Planner, AnOrderPlacedMailsTheCustomerWithItsLinesAndTotals) {
  record("order.created", "ord_1", R"({"customerId":"usr_customer","orderId":"ord_1"})");
  EXPECT_EQ(dispatcher_.dispatch_batch(), 1u);
  EXPECT_EQ(wakes_, 1);
  const auto rows = queued();
  ASSERT_EQ(rows.size(), 1u);
  const auto& mail = rows[0];
  EXPECT_EQ(mail.kind, "order_placed");
  EXPECT_EQ(mail.recipient, "zoe@example.com");
  EXPECT_EQ(mail.name, "Zoë Lovelace");
  EXPECT_EQ(mail.subject, "Your order ord_1 at Tea & Co");
  for (const auto* expected :
       {"Hello Zoë Lovelace,", "- 2 x <script>alert(1)</script> Tea (size: L), SKU TEA-1: 25.00 EUR",
        "Subtotal: 25.00 EUR", "Discount (SPRING): -5.00 EUR", "Shipping: 4.90 EUR", "Tax: 3.80 EUR",
        "Total: 28.70 EUR", "  10115 Berlin", "18 Nov 2026, 11:06 UTC", "Your order: https://shop.test/orders/ord_1"})
    EXPECT_NE(mail.text.find(expected), std::string::npos) << expected << "\n" << mail.text;
  EXPECT_NE(mail.html.find("&lt;script&gt;alert(1)&lt;/script&gt; Tea"), std::string::npos);
  EXPECT_EQ(mail.html.find("<script>"), std::string::npos);
}

TEST_P(Planner, EachOrderEventMailsItsKind) {
  record("order.paid", "ord_1", R"({"customerId":"usr_customer","total":2870})");
  record("order.status_changed", "ord_1", R"({"from":"paid","to":"processing"})");
  record("order.status_changed", "ord_1", R"({"from":"processing","to":"shipped"})");
  record("order.cancelled", "ord_1", R"({"reason":"admin","refundDue":2870})");
  record("order.refunded", "ord_1", R"({"refundId":"rfd_1","amount":1000,"currency":"EUR","totalRefunded":1500})");
  record("review.created", "rev_1", R"({})");
  EXPECT_EQ(dispatcher_.dispatch_batch(), 6u);
  const auto rows = queued();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].kind, "order_paid");
  EXPECT_EQ(rows[1].kind, "order_shipped");
  EXPECT_NE(rows[1].text.find("Tracking number: JD0042"), std::string::npos) << rows[1].text;
  EXPECT_NE(rows[1].text.find("Carrier: DHL"), std::string::npos);
  EXPECT_EQ(rows[2].kind, "order_cancelled");
  EXPECT_NE(rows[2].text.find("the store cancelled it"), std::string::npos);
  EXPECT_NE(rows[2].text.find("The 28.70 EUR you paid will be refunded."), std::string::npos);
  EXPECT_EQ(rows[3].kind, "order_refunded");
  EXPECT_EQ(rows[3].subject, "Refund for order ord_1");
  EXPECT_NE(rows[3].text.find("we refunded 10.00 EUR"), std::string::npos);
  EXPECT_NE(rows[3].text.find("15.00 EUR of the 28.70 EUR"), std::string::npos);
}

TEST_P(Planner, NoOrderMailWhenTheCustomerTurnedOrderUpdatesOff) {
  db().transaction(storage::TxMode::Write, [](Connection& c) {
    c.execute("UPDATE users SET email_order_updates = FALSE WHERE id = 'usr_customer'");
    return true;
  });
  record("order.created", "ord_1", "{}");
  record("order.paid", "ord_1", "{}");
  dispatcher_.dispatch_batch();
  EXPECT_TRUE(queued().empty());
  EXPECT_EQ(wakes_, 0) << "nothing was planned";
}

TEST_P(Planner, LowStockMailsTheOwningVendor) {
  record("product.low_stock", "var_tea",
         R"({"productId":"prd_tea","variantId":"var_tea","sku":"TEA-1","stock":2,"threshold":3})", "usr_vendor");
  dispatcher_.dispatch_batch();
  const auto rows = queued();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].kind, "low_stock");
  EXPECT_EQ(rows[0].recipient, "vendor@example.com");
  EXPECT_EQ(rows[0].subject, "Low stock: <script>alert(1)</script> Tea (TEA-1)");
  EXPECT_NE(rows[0].text.find("2 left, at or under your threshold of 3"), std::string::npos);
  EXPECT_NE(rows[0].html.find("&lt;script&gt;"), std::string::npos);
}

TEST_P(Planner, PlanningTheSameEventAgainQueuesNothingMore) {
  clock_.advance(1ms);
  const events::StoredEvent event{.id = "evt_again",
                                  .type = "order.created",
                                  .subject_id = "ord_1",
                                  .owner_id = {},
                                  .data = "{}",
                                  .created_at = clock_.now()};
  db().transaction(storage::TxMode::Write, [&](Connection& c) {
    EXPECT_TRUE(planner_.plan(c, event));
    EXPECT_FALSE(planner_.plan(c, event));
    return true;
  });
  EXPECT_EQ(queued().size(), 1u);
}

TEST_P(Planner, EventsAboutWhatIsGoneMailNobody) {
  record("order.created", "ord_missing", "{}");
  record("product.low_stock", "var_x", R"({"productId":"prd_tea"})");  // no owner
  record("order.status_changed", "ord_1", "not json");
  dispatcher_.dispatch_batch();
  EXPECT_TRUE(queued().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Planner, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::notifications
