#include "payments/refund_store.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>
#include <tuple>

#include "orders/order_store.hpp"
#include "orders/payment_records.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::payments {
namespace {
using storage::Backend;
using storage::Connection;
using storage::TxMode;
using namespace std::chrono_literals;

const Timestamp kT0 = from_unix_millis(1'800'000'000'000);
constexpr auto kLease = 150s;

void insert_customer(Connection& c) {
  c.execute(
      "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
      "VALUES ('usr_c1', 'c1@example.com', 'N', 'customer', 'x', 0, 0)",
      {});
}

// An order of 1000 paid (and received) with `provider`, in `status` / `payment_status`.
void insert_paid_order(Connection& c, const std::string& id, const std::string& provider,
                       orders::OrderStatus status = orders::OrderStatus::Paid, std::string payment_status = "paid") {
  const orders::AddressSnapshot address{.full_name = "Ada", .line1 = "1 Way", .city = "Berlin", .country = "DE"};
  const orders::Order order{.id = id,
                            .customer_id = "usr_c1",
                            .status = status,
                            .currency = "USD",
                            .subtotal = 1000,
                            .total = 1000,
                            .shipping_address = address,
                            .billing_address = address,
                            .payment_provider = provider,
                            .payment_status = std::move(payment_status),
                            .created_at = kT0,
                            .updated_at = kT0};
  orders::OrderStore::insert(c, order);
  orders::PaymentRecords::insert(c, order, false);
  orders::PaymentRecords::mark_succeeded(c, id, {.amount = 1000}, kT0);
}

// A pending refund of 100 of the order, leased until `lease_until` under `token`.
void insert_refund(Connection& c, const std::string& id, const std::string& order_id, Timestamp lease_until,
                   const std::string& token) {
  RefundStore::insert(c,
                      Refund{.id = id,
                             .order_id = order_id,
                             .provider = "stripe",
                             .amount = 100,
                             .currency = "USD",
                             .reason = "r",
                             .created_at = kT0,
                             .updated_at = kT0},
                      lease_until, token);
}

class PaymentsRefundStore : public ::testing::TestWithParam<Backend> {
 protected:
  template <class Work>
  auto write(Work work) {
    using Out = std::invoke_result_t<Work&, Connection&>;
    if constexpr (std::is_void_v<Out>) {
      database().transaction(TxMode::Write, [&](Connection& c) {
        work(c);
        return true;
      });
    } else {
      std::optional<Out> out;
      database().transaction(TxMode::Write, [&](Connection& c) {
        out.emplace(work(c));
        return true;
      });
      return std::move(*out);
    }
  }
  template <class Work>
  auto read(Work work) {
    return storage::with_connection(database(), work);
  }
  storage::Database& database() { return test_db_.database(); }

  void SetUp() override {
    write([](Connection& c) { insert_customer(c); });
  }

  void paid_order(const std::string& id, const std::string& provider,
                  orders::OrderStatus status = orders::OrderStatus::Paid, std::string payment_status = "paid") {
    write([&](Connection& c) { insert_paid_order(c, id, provider, status, payment_status); });
  }
  void refund(const std::string& id, const std::string& order_id, Timestamp lease_until,
              const std::string& token = "t0") {
    write([&](Connection& c) { insert_refund(c, id, order_id, lease_until, token); });
  }

  std::optional<std::string> claim(Timestamp now, const std::string& token) {
    return write([&](Connection& c) { return RefundStore::claim_one(c, GetParam(), now, now + kLease, token); });
  }

  std::string status_of(const std::string& id) {
    return read([&](Connection& c) { return RefundStore::find(c, id)->status; });
  }

  storage::TestDatabase test_db_{GetParam()};
};

TEST_P(PaymentsRefundStore, TheJobClaimsOneDueRefundAtATimeOldestLeaseFirst) {
  paid_order("ord_1", "stripe");
  paid_order("ord_2", "stripe");
  refund("rfd_b", "ord_1", kT0 - 1s);
  refund("rfd_a", "ord_2", kT0 - 2s);
  refund("rfd_later", "ord_1", kT0 + 1min);  // its sender still owns it
  refund("rfd_accepted", "ord_2", kT0 - 5s);
  write([](Connection& c) { RefundStore::record_accepted(c, "rfd_accepted", "t0", "re_1", kT0); });

  EXPECT_EQ(claim(kT0, "t1"), "rfd_a");
  EXPECT_EQ(claim(kT0, "t2"), "rfd_b");
  EXPECT_EQ(claim(kT0, "t3"), std::nullopt) << "leased for the whole call; accepted refunds wait for the provider";
  const auto lease = read([](Connection& c) {
    const auto rows = c.query("SELECT lease_until, attempt_token, attempts FROM refunds WHERE id = 'rfd_a'", {});
    return std::tuple(rows.front().integer(0), rows.front().text(1), rows.front().integer(2));
  });
  EXPECT_EQ(lease, std::tuple(to_unix_millis(kT0 + kLease), std::string("t1"), std::int64_t{2}));
  EXPECT_EQ(claim(kT0 + kLease, "t4"), "rfd_later") << "its sender's lease ran out first";
  EXPECT_EQ(claim(kT0 + kLease, "t5"), "rfd_a") << "once its lease ran out, another attempt may send it";
}

TEST_P(PaymentsRefundStore, AnAttemptThatLostItsLeaseRecordsNothing) {
  paid_order("ord_1", "stripe");
  refund("rfd_1", "ord_1", kT0 - 1s);
  ASSERT_EQ(claim(kT0, "stale"), "rfd_1");
  ASSERT_EQ(claim(kT0 + kLease, "fresh"), "rfd_1");
  write([](Connection& c) {
    EXPECT_FALSE(RefundStore::mark_failed(c, "rfd_1", "declined", kT0, "stale"));
    EXPECT_FALSE(RefundStore::mark_succeeded(c, "rfd_1", "re_1", kT0, "stale"));
    EXPECT_FALSE(RefundStore::record_accepted(c, "rfd_1", "stale", "re_1", kT0));
    EXPECT_FALSE(RefundStore::reschedule(c, "rfd_1", "stale", kT0, "timeout", kT0));
  });
  EXPECT_EQ(status_of("rfd_1"), "pending");
  EXPECT_TRUE(write([](Connection& c) { return RefundStore::mark_succeeded(c, "rfd_1", "re_1", kT0, "fresh"); }));
  EXPECT_EQ(status_of("rfd_1"), "succeeded");
  EXPECT_FALSE(write([](Connection& c) { return RefundStore::mark_failed(c, "rfd_1", "late", kT0, std::nullopt); }))
      << "decided already";
}

TEST_P(PaymentsRefundStore, AProviderEventDecidesWhateverTheLease) {
  paid_order("ord_1", "stripe");
  refund("rfd_1", "ord_1", kT0 + kLease, "sender");
  EXPECT_TRUE(write([](Connection& c) { return RefundStore::learn_provider_id(c, "rfd_1", "re_9", kT0); }));
  EXPECT_FALSE(write([](Connection& c) { return RefundStore::learn_provider_id(c, "rfd_1", "re_other", kT0); }))
      << "a known id is never replaced";
  const auto found = read([](Connection& c) { return RefundStore::find_by_provider_id(c, "ord_1", "re_9"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, "rfd_1");
  EXPECT_FALSE(read([](Connection& c) { return RefundStore::find_by_provider_id(c, "ord_2", "re_9"); }));
  EXPECT_TRUE(
      write([](Connection& c) { return RefundStore::mark_failed(c, "rfd_1", "expired card", kT0, std::nullopt); }));
  EXPECT_EQ(status_of("rfd_1"), "failed");
  EXPECT_EQ(read([](Connection& c) { return RefundStore::totals(c, "ord_1").pending; }), 0)
      << "a failed refund no longer holds back what may be refunded";
}

TEST_P(PaymentsRefundStore, TheJobOwesRefundsForProviderPaymentsOnlyNeverManualOnes) {
  paid_order("ord_manual", "manual", orders::OrderStatus::Cancelled, "refund_due");
  paid_order("ord_stripe", "stripe", orders::OrderStatus::Cancelled, "refund_due");
  paid_order("ord_paid", "stripe");
  const auto owed = read([](Connection& c) { return RefundStore::orders_owed(c, 20); });
  EXPECT_EQ(owed, std::vector<std::string>{"ord_stripe"});
}

INSTANTIATE_TEST_SUITE_P(Backends, PaymentsRefundStore, storage::all_backends(), storage::backend_name);

// PostgreSQL: a claim holds the order's row lock (every refund write takes it first), and another node's claim
// skips that order instead of waiting for it.
TEST(PaymentsRefundStorePostgres, AClaimSkipsAnOrderAnotherNodeHolds) {
  storage::TestDatabase test_db{Backend::Postgres};
  auto& database = test_db.database();
  const auto run = [&](auto work) {
    database.transaction(TxMode::Write, [&](Connection& c) {
      work(c);
      return true;
    });
  };
  run([](Connection& c) {
    insert_customer(c);
    insert_paid_order(c, "ord_1", "stripe");
    insert_paid_order(c, "ord_2", "stripe");
    insert_refund(c, "rfd_1", "ord_1", kT0 - 3s, "t0");
    insert_refund(c, "rfd_2", "ord_1", kT0 - 2s, "t0");
    insert_refund(c, "rfd_3", "ord_2", kT0 - 1s, "t0");
  });
  std::promise<void> claimed;
  std::promise<void> released;
  std::optional<std::string> first;
  std::thread holder([&] {
    run([&](Connection& c) {
      first = RefundStore::claim_one(c, Backend::Postgres, kT0, kT0 + kLease, "node-a");
      claimed.set_value();
      released.get_future().wait();
    });
  });
  claimed.get_future().wait();
  std::optional<std::string> second;
  try {
    run([&](Connection& c) {
      c.execute("SET LOCAL lock_timeout = '5s'", {});  // waiting instead of skipping fails the test, not hangs it
      second = RefundStore::claim_one(c, Backend::Postgres, kT0, kT0 + kLease, "node-b");
    });
  } catch (...) {
    released.set_value();
    holder.join();
    throw;
  }
  released.set_value();
  holder.join();
  EXPECT_EQ(first, "rfd_1");
  EXPECT_EQ(second, "rfd_3") << "ord_1 (rfd_2 too) is held by the first claim: skipped, not waited for";
}

}  // namespace
}  // namespace emporium::payments
