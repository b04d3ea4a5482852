// Coupons against real databases: every TEST_P runs on SQLite and on PostgreSQL (the server
// EMPORIUM_TEST_POSTGRES_URL names: run under scripts/with-services).
#include "coupons/coupon_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/testing/test_database.hpp"

namespace emporium::coupons {
namespace {
using storage::Backend;
using storage::Connection;

constexpr std::int64_t kGuesses = 3;

class Coupons : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    service_ = std::make_unique<CouponService>(
        CouponService::Dependencies{.database = db(), .ids = ids_, .clock = clock_, .audit = audit_},
        users::ThrottleRule{.max_failures = kGuesses, .window = std::chrono::seconds(600)});
    customer_ = new_user("customer");
    other_customer_ = new_user("customer");
    vendor_ = new_user("vendor");
  }

  storage::Database& db() { return test_db_.database(); }

  void sql(std::string_view statement, std::initializer_list<storage::Param> params) {
    db().with_connection([&](Connection& connection) { connection.execute(statement, params); });
  }

  std::int64_t count(std::string_view statement) {
    return storage::with_connection(db(), [&](Connection& c) { return c.query(statement).front().integer(0); });
  }

  std::string new_user(std::string_view role) {
    auto id = ids_.next("usr");
    const auto email = id + "@example.com";
    sql("INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
        "VALUES ($1, $2, 'Test', $3, 'unused', 0, 0)",
        {std::string_view(id), std::string_view(email), role});
    return id;
  }

  std::string new_category(const std::string& parent_path = "/") {
    auto id = ids_.next("cat");
    const auto path = parent_path + id + "/";
    sql("INSERT INTO categories (id, slug, name, path, created_at, updated_at) VALUES ($1, $1, 'C', $2, 0, 0)",
        {std::string_view(id), std::string_view(path)});
    return id;
  }

  std::string new_product() {
    auto id = ids_.next("prod");
    sql("INSERT INTO products (id, vendor_id, slug, name, sort_name, status, currency, price, in_stock, created_at, "
        "updated_at) VALUES ($1, $2, $1, 'P', 'p', 'active', 'USD', 100, TRUE, 0, 0)",
        {std::string_view(id), std::string_view(vendor_)});
    return id;
  }

  CouponInput percentage(std::string code, std::int64_t percent = 10) {
    CouponInput input;
    input.code = std::move(code);
    input.type = "percentage";
    input.value = percent;
    return input;
  }

  Coupon create(CouponInput input) {
    auto created = service_->create(admin_, std::move(input));
    EXPECT_TRUE(created) << (created ? "" : created.error().code + ": " + created.error().detail);
    return created ? *created : Coupon{};
  }

  Result<AppliedCoupon> apply(std::string code, std::string customer, std::string ip = "10.0.0.1") {
    const std::vector<pricing::PricedLine> lines{basket_line()};
    return storage::transact(db(), storage::TxMode::Read, [&](Connection& connection) {
      return service_->apply(connection, {.code = code, .customer_id = customer, .client_ip = ip}, lines);
    });
  }

  static pricing::PricedLine basket_line(std::int64_t total = 10'000) {
    pricing::PricedLine line;
    line.product_id = "prod_x";
    line.currency = "USD";
    line.quantity = 1;
    line.unit_price = line.line_total = total;
    return line;
  }

  Result<void> redeem(const AppliedCoupon& coupon, const std::string& customer) {
    const auto order = ids_.next("ord");
    return storage::transact(db(), storage::TxMode::Write, [&](Connection& connection) {
      return service_->redeem(connection, coupon, customer, order);
    });
  }

  // Redeems `coupon` from `threads` threads released at once; returns how many succeeded.
  int redeem_in_parallel(const AppliedCoupon& coupon, const std::string& customer, int threads) {
    std::atomic<int> succeeded{0};
    std::atomic<int> exhausted{0};
    std::barrier start(threads);
    std::vector<std::thread> workers;
    for (int i = 0; i < threads; ++i) {
      workers.emplace_back([&] {
        start.arrive_and_wait();
        const auto result = redeem(coupon, customer);
        if (result)
          ++succeeded;
        else if (result.error().code == "coupon_exhausted")
          ++exhausted;
      });
    }
    for (auto& worker : workers) worker.join();
    EXPECT_EQ(succeeded + exhausted, threads);
    return succeeded;
  }

  storage::TestDatabase test_db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdGenerator ids_{clock_};
  audit::AuditLog audit_{ids_, clock_};
  std::unique_ptr<CouponService> service_;
  CouponActor admin_{.user_id = "usr_admin", .client_ip = "127.0.0.1"};
  std::string customer_;
  std::string other_customer_;
  std::string vendor_;
};

TEST_P(Coupons, CreatesReadsListsAndAudits) {
  const auto product = new_product();
  const auto category = new_category();
  auto input = percentage("Summer10");
  input.product_ids = {product, product};
  input.category_ids = {category};
  const auto created = create(input);
  EXPECT_EQ(created.product_ids, std::vector<std::string>{product});
  const auto found = service_->get(created.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->code, "Summer10");
  EXPECT_EQ(found->category_ids, std::vector<std::string>{category});
  EXPECT_EQ(found->times_used, 0);
  create(percentage("WINTER"));
  auto inactive = percentage("SUMMER-OLD");
  inactive.active = false;
  create(inactive);
  const auto prefixed = service_->list({.active = std::nullopt, .code_prefix = "summer", .limit = 20, .offset = 0});
  EXPECT_EQ(prefixed.total, 2);
  const auto active = service_->list({.active = true, .code_prefix = "SUM", .limit = 20, .offset = 0});
  ASSERT_EQ(active.total, 1);
  EXPECT_EQ(active.coupons.front().id, created.id);
  EXPECT_EQ(active.coupons.front().product_ids, std::vector<std::string>{product});
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'coupon.created'"), 3);
  EXPECT_EQ(service_->get("cpn_nope").error().status, 404);
}

TEST_P(Coupons, CodesAreUniqueWithoutRegardToCaseAmongLiveCoupons) {
  const auto first = create(percentage("Black-Friday"));
  const auto taken = service_->create(admin_, percentage("BLACK-friday"));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "coupon_code_taken");
  EXPECT_EQ(taken.error().status, 409);
  const auto other = create(percentage("Cyber"));
  EXPECT_EQ(service_->replace(admin_, other.id, percentage("black-FRIDAY")).error().code, "coupon_code_taken");
  ASSERT_TRUE(service_->remove(admin_, first.id));
  EXPECT_EQ(service_->get(first.id).error().status, 404);
  EXPECT_EQ(service_->remove(admin_, first.id).error().status, 404);
  create(percentage("black-friday"));  // free again once deleted
}

TEST_P(Coupons, ParallelCreatesOfOneCodeMakeOneCoupon) {
  std::atomic<int> created{0};
  std::atomic<int> taken{0};
  std::barrier start(8);
  std::vector<std::thread> workers;
  for (int i = 0; i < 8; ++i) {
    workers.emplace_back([&, i] {
      start.arrive_and_wait();
      const auto result = service_->create(admin_, percentage(i % 2 ? "RACE" : "race"));
      if (result)
        ++created;
      else if (result.error().code == "coupon_code_taken")
        ++taken;
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(created, 1);
  EXPECT_EQ(taken, 7);
}

TEST_P(Coupons, ScopeIdsMustExist) {
  auto input = percentage("SCOPED");
  input.product_ids = {ids_.next("prod")};
  auto refused = service_->create(admin_, input);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 422);
  ASSERT_EQ(refused.error().errors.size(), 1u);
  EXPECT_EQ(refused.error().errors.front().field, "productIds");
  input.product_ids = {new_product()};
  input.category_ids = {ids_.next("cat")};
  refused = service_->create(admin_, input);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().errors.front().field, "categoryIds");
  EXPECT_EQ(count("SELECT COUNT(*) FROM coupons"), 0);
}

TEST_P(Coupons, ReplaceKeepsUsesAndCreationTime) {
  const auto created = create(percentage("KEEP"));
  const auto applied = apply("keep", customer_);
  ASSERT_TRUE(applied);
  ASSERT_TRUE(redeem(*applied, customer_));
  clock_.advance(std::chrono::seconds(5));
  auto input = percentage("KEEP2", 20);
  input.category_ids = {new_category()};
  const auto replaced = service_->replace(admin_, created.id, input);
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->times_used, 1);
  EXPECT_EQ(replaced->created_at, created.created_at);
  EXPECT_GT(replaced->updated_at, created.updated_at);
  EXPECT_EQ(service_->get(created.id)->category_ids.size(), 1u);
  EXPECT_EQ(service_->replace(admin_, ids_.next("cpn"), input).error().status, 404);
}

TEST_P(Coupons, ApplyFindsCodesWithoutRegardToCase) {
  create(percentage("Welcome15", 15));
  const auto applied = apply("wELCOME15", customer_);
  ASSERT_TRUE(applied) << applied.error().code;
  EXPECT_EQ(applied->code, "Welcome15");
  EXPECT_EQ(applied->type, "percentage");
  EXPECT_EQ(applied->discount.amount, 1500);
  const auto unknown = apply("NOPE", customer_);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().status, 404);
  EXPECT_EQ(unknown.error().code, "coupon_not_found");
}

TEST_P(Coupons, WrongGuessesAreThrottledPerCustomerAndPerIp) {
  create(percentage("REAL"));
  for (int i = 0; i < kGuesses; ++i)
    EXPECT_EQ(apply("GUESS" + std::to_string(i), customer_, "10.0.0.1").error().status, 404);
  const auto throttled = apply("REAL", customer_, "10.0.0.9");  // the right code too, from another address
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().status, 429);
  EXPECT_EQ(throttled.error().code, "coupon_guesses_throttled");
  ASSERT_EQ(throttled.error().headers.size(), 1u);
  EXPECT_EQ(throttled.error().headers.front().first, "Retry-After");
  EXPECT_EQ(throttled.error().headers.front().second, "600");                 // the clock starts on a window boundary
  EXPECT_EQ(apply("REAL", other_customer_, "10.0.0.1").error().status, 429);  // the address is throttled too
  EXPECT_TRUE(apply("REAL", other_customer_, "10.0.0.2"));
  clock_.advance(std::chrono::seconds(600));  // the window ends
  EXPECT_TRUE(apply("REAL", customer_, "10.0.0.1"));
}

TEST_P(Coupons, RecheckIsNeitherThrottledNorCounted) {
  const auto lines = std::vector<pricing::PricedLine>{basket_line()};
  for (int i = 0; i < kGuesses + 2; ++i) {
    const auto result = storage::transact(db(), storage::TxMode::Read, [&](Connection& connection) {
      return service_->recheck(connection, {.code = "GONE", .customer_id = customer_, .client_ip = "10.0.0.1"}, lines);
    });
    EXPECT_EQ(result.error().status, 404);
  }
  create(percentage("THERE"));
  EXPECT_TRUE(apply("THERE", customer_, "10.0.0.1"));
}

TEST_P(Coupons, DeletedAndInactiveCoupons) {
  const auto gone = create(percentage("GONE"));
  ASSERT_TRUE(service_->remove(admin_, gone.id));
  EXPECT_EQ(apply("GONE", customer_).error().code, "coupon_not_found");
  auto inactive = percentage("SLEEPING");
  inactive.active = false;
  create(inactive);
  EXPECT_EQ(apply("SLEEPING", customer_).error().code, "coupon_inactive");
  auto later = percentage("LATER");
  later.starts_at = to_iso8601(clock_.now() + std::chrono::hours(1));
  create(later);
  EXPECT_EQ(apply("LATER", customer_).error().code, "coupon_not_started");
  auto old = percentage("OLD");
  old.expires_at = to_iso8601(clock_.now() - std::chrono::hours(1));
  create(old);
  EXPECT_EQ(apply("OLD", customer_).error().code, "coupon_expired");
}

TEST_P(Coupons, ParallelRedeemsOfASingleUseCouponRedeemItOnce) {
  auto input = percentage("ONCE");
  input.usage_limit = 1;
  const auto coupon = create(input);
  const auto applied = apply("ONCE", customer_);
  ASSERT_TRUE(applied);
  EXPECT_EQ(redeem_in_parallel(*applied, customer_, 20), 1);
  EXPECT_EQ(service_->get(coupon.id)->times_used, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM coupon_redemptions"), 1);
  EXPECT_EQ(apply("ONCE", other_customer_).error().code, "coupon_usage_limit_reached");
}

TEST_P(Coupons, ParallelRedeemsRespectThePerCustomerLimit) {
  auto input = percentage("TWICE");
  input.per_customer_limit = 2;
  const auto coupon = create(input);
  const auto applied = apply("TWICE", customer_);
  ASSERT_TRUE(applied);
  EXPECT_EQ(redeem_in_parallel(*applied, customer_, 20), 2);
  EXPECT_EQ(service_->get(coupon.id)->times_used, 2);
  EXPECT_EQ(apply("TWICE", customer_).error().code, "coupon_customer_limit_reached");
  EXPECT_TRUE(apply("TWICE", other_customer_));
  EXPECT_TRUE(redeem(*applied, other_customer_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM coupon_redemptions"), 3);
}

TEST_P(Coupons, RedeemRefusesACouponThatStoppedQualifying) {
  auto input = percentage("FLEETING");
  const auto coupon = create(input);
  const auto applied = apply("FLEETING", customer_);
  ASSERT_TRUE(applied);
  input.active = false;
  ASSERT_TRUE(service_->replace(admin_, coupon.id, input));
  const auto refused = redeem(*applied, customer_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 409);
  EXPECT_EQ(refused.error().code, "coupon_exhausted");
  EXPECT_EQ(service_->get(coupon.id)->times_used, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Coupons, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::coupons
