// The planner and the delivery worker against a real database (SQLite and PostgreSQL) and a scripted receiver:
// which endpoint gets which event, signed requests, retries on the schedule with the same webhook-id, 410,
// giving up (endpoint disabled, owner mailed), leases that run out, manual retries.
#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <mutex>

#include "audit/audit_log.hpp"
#include "storage/testing/test_database.hpp"
#include "webhooks/delivery_planner.hpp"
#include "webhooks/delivery_worker.hpp"
#include "webhooks/endpoint_service.hpp"
#include "webhooks/endpoint_store.hpp"
#include "webhooks/webhook_signature.hpp"

namespace emporium::webhooks {
namespace {
using std::chrono::milliseconds;
using storage::Backend;
using storage::Connection;

// Answers from a script (then 200), and remembers every request.
class ScriptedReceiver final : public outbound::HttpClient {
 public:
  outbound::HttpResult send(const outbound::HttpRequest& request) override {
    const std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (script_.empty()) return outbound::HttpResponse{.status = 200, .body = "ok"};
    auto next = std::move(script_.front());
    script_.pop_front();
    return next;
  }
  void answer(outbound::HttpResult result) {
    const std::lock_guard lock(mutex_);
    script_.push_back(std::move(result));
  }
  std::vector<outbound::HttpRequest> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  mutable std::mutex mutex_;
  std::deque<outbound::HttpResult> script_;
  std::vector<outbound::HttpRequest> requests_;
};

class MailBox final : public notifications::Mailer {
 public:
  void send(const notifications::MailMessage& message) override { sent.push_back(message); }
  std::vector<notifications::MailMessage> sent;
};

std::string header(const outbound::HttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers)
    if (key == name) return value;
  return "";
}

outbound::HttpResult status(long code) { return outbound::HttpResponse{.status = code, .body = "nope"}; }

class WebhookDelivery : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dispatcher_.add(planner_);
    write([](Connection& c) {
      for (const auto& [id, role] : {std::pair{"usr_admin", "admin"}, std::pair{"usr_v1", "vendor"},
                                     std::pair{"usr_v2", "vendor"}, std::pair{"usr_c", "customer"}})
        c.execute(
            "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
            "VALUES ($1, $2, 'N', $3, 'x', 0, 0)",
            {std::string_view(id), std::string(id) + "@example.com", std::string_view(role)});
    });
  }

  void write(const std::function<void(Connection&)>& work) {
    db_.database().transaction(storage::TxMode::Write, [&](Connection& c) {
      work(c);
      return true;
    });
  }

  std::string endpoint(const std::string& owner, http::Role role, std::vector<std::string> events = {"*"}) {
    const Endpoint e{.id = ids_.next("whk"),
                     .owner_id = owner,
                     .owner_role = role,
                     .url = "https://receiver.example/hook",
                     .events = std::move(events),
                     .secret = new_secret(),
                     .created_at = clock_.now(),
                     .updated_at = clock_.now()};
    write([&](Connection& c) { EndpointStore::insert(c, e); });
    secrets_[e.id] = e.secret;
    return e.id;
  }

  // Records an event and dispatches it to the planner, as the app's dispatcher does.
  void publish(std::string type, std::optional<std::string> owner, std::string data = "{}") {
    write([&](Connection& c) {
      events_.record(c, {.type = std::move(type), .subject_id = "ord_x", .owner_id = owner, .data = data});
    });
    dispatcher_.dispatch_batch();
  }

  std::vector<Delivery> deliveries(const std::string& endpoint_id) {
    return storage::with_connection(db_.database(), [&](Connection& c) {
      return DeliveryStore::list(c, {.endpoint_id = endpoint_id, .limit = 100});
    });
  }
  Endpoint endpoint_row(const std::string& id) {
    return *storage::with_connection(db_.database(), [&](Connection& c) { return EndpointStore::find(c, id); });
  }

  DeliveryWorker worker(std::vector<milliseconds> schedule = {milliseconds(100), milliseconds(200)}) {
    return DeliveryWorker(
        {.database = db_.database(), .clock = clock_, .audit = audit_, .http = receiver_, .mailer = mail_},
        {.retry_schedule = std::move(schedule), .timeout = milliseconds(1000), .random = [] { return 0.5; }});
  }

  storage::TestDatabase db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdGenerator ids_{clock_};
  audit::AuditLog audit_{ids_, clock_};
  events::EventLog events_{ids_, clock_};
  int woken_ = 0;
  DeliveryPlanner planner_{ids_, clock_, [this] { ++woken_; }};
  events::EventDispatcher dispatcher_{db_.database(), clock_};
  ScriptedReceiver receiver_;
  MailBox mail_;
  std::map<std::string, std::string> secrets_;
};

TEST_P(WebhookDelivery, EachEndpointWhoseOwnerMaySeeTheEventGetsOneDelivery) {
  const auto admin = endpoint("usr_admin", http::Role::Admin);
  const auto v1 = endpoint("usr_v1", http::Role::Vendor, {"product.created"});
  const auto v1_orders = endpoint("usr_v1", http::Role::Vendor, {"order.created"});
  const auto v2 = endpoint("usr_v2", http::Role::Vendor);
  publish("product.created", "usr_v1", R"({"productId":"prod_1"})");
  EXPECT_EQ(deliveries(admin).size(), 1U);
  EXPECT_EQ(deliveries(v1).size(), 1U);
  EXPECT_EQ(deliveries(v1_orders).size(), 0U);  // not subscribed
  EXPECT_EQ(deliveries(v2).size(), 0U);         // not theirs
  EXPECT_EQ(woken_, 1);

  publish("order.created", std::nullopt, R"({"vendorIds":["usr_v2"]})");
  EXPECT_EQ(deliveries(admin).size(), 2U);
  EXPECT_EQ(deliveries(v1_orders).size(), 0U);
  EXPECT_EQ(deliveries(v2).size(), 1U);
  EXPECT_EQ(deliveries(v2).front().event_type, "order.created");
}

TEST_P(WebhookDelivery, PlanningAnEventTwiceAddsNothing) {
  const auto admin = endpoint("usr_admin", http::Role::Admin);
  publish("product.updated", "usr_v1");
  const auto event = deliveries(admin).front();
  const events::StoredEvent again{.id = event.event_id, .type = "product.updated", .owner_id = "usr_v1", .data = "{}"};
  bool planned = true;
  write([&](Connection& c) { planned = planner_.plan(c, again); });
  EXPECT_FALSE(planned);
  EXPECT_EQ(deliveries(admin).size(), 1U);
}

TEST_P(WebhookDelivery, DisabledEndpointsAndOwnersWhoLostTheirRoleGetNothing) {
  const auto off = endpoint("usr_admin", http::Role::Admin);
  write([&](Connection& c) { EndpointStore::disable(c, off, "test", clock_.now()); });
  const auto demoted = endpoint("usr_v1", http::Role::Vendor);
  write([](Connection& c) { c.execute("UPDATE users SET role = 'customer' WHERE id = 'usr_v1'"); });
  publish("product.created", "usr_v1");
  EXPECT_TRUE(deliveries(off).empty());
  EXPECT_TRUE(deliveries(demoted).empty());
}

TEST_P(WebhookDelivery, SendsTheFrozenBodySignedPerStandardWebhooks) {
  const auto admin = endpoint("usr_admin", http::Role::Admin);
  publish("product.created", "usr_v1", R"({"productId":"prod_1"})");
  auto sender = worker();
  EXPECT_EQ(sender.run([] { return false; }), 1U);
  ASSERT_EQ(receiver_.requests().size(), 1U);
  const auto request = receiver_.requests().front();
  const auto delivery = deliveries(admin).front();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.body, delivery.payload);
  EXPECT_EQ(header(request, "webhook-id"), delivery.id);
  EXPECT_TRUE(delivery.id.starts_with("msg_"));
  EXPECT_EQ(header(request, "webhook-timestamp"), std::to_string(to_unix_millis(clock_.now()) / 1000));
  EXPECT_EQ(header(request, "webhook-signature"),
            sign(secrets_[admin], delivery.id, to_unix_millis(clock_.now()) / 1000, request.body));
  EXPECT_EQ(header(request, "Content-Type"), "application/json");
  EXPECT_TRUE(request.address_guard);  // private addresses are refused at connect time
  EXPECT_LE(request.max_response_bytes, 16U * 1024);
  EXPECT_EQ(delivery.state, DeliveryState::Delivered);
  ASSERT_EQ(delivery.attempt_log.size(), 1U);
  EXPECT_EQ(delivery.attempt_log.front().status, 200);
  EXPECT_EQ(delivery.attempt_log.front().response_body, "ok");
}

TEST_P(WebhookDelivery, FailuresAreRetriedOnTheScheduleWithTheSameIdAndANewTimestamp) {
  const auto admin = endpoint("usr_admin", http::Role::Admin);
  publish("order.paid", std::nullopt);
  receiver_.answer(status(500));
  receiver_.answer(outbound::HttpFailure{.kind = outbound::FailureKind::Timeout, .message = "Timeout was reached"});
  auto sender = worker();
  EXPECT_EQ(sender.run([] { return false; }), 1U);
  auto delivery = deliveries(admin).front();
  EXPECT_EQ(delivery.state, DeliveryState::Pending);
  EXPECT_EQ(delivery.next_attempt_at, clock_.now() + milliseconds(100));  // jitter 0.5: the schedule's delay
  EXPECT_EQ(sender.run([] { return false; }), 0U);                        // not due yet
  clock_.advance(milliseconds(1000));
  EXPECT_EQ(sender.run([] { return false; }), 1U);
  clock_.advance(milliseconds(1000));
  EXPECT_EQ(sender.run([] { return false; }), 1U);
  delivery = deliveries(admin).front();
  EXPECT_EQ(delivery.state, DeliveryState::Delivered);
  ASSERT_EQ(delivery.attempt_log.size(), 3U);
  EXPECT_EQ(delivery.attempt_log[0].status, 500);
  EXPECT_EQ(delivery.attempt_log[1].status, std::nullopt);
  EXPECT_NE(delivery.attempt_log[1].error.value_or("").find("timeout"), std::string::npos);
  EXPECT_EQ(delivery.attempt_log[2].status, 200);
  const auto requests = receiver_.requests();
  ASSERT_EQ(requests.size(), 3U);
  EXPECT_EQ(header(requests[0], "webhook-id"), header(requests[2], "webhook-id"));
  EXPECT_NE(header(requests[0], "webhook-timestamp"), header(requests[2], "webhook-timestamp"));
  EXPECT_TRUE(endpoint_row(admin).enabled);
}

TEST_P(WebhookDelivery, GoneDisablesTheEndpointWithoutRetrying) {
  const auto admin = endpoint("usr_admin", http::Role::Admin);
  publish("order.paid", std::nullopt);
  receiver_.answer(status(410));
  auto sender = worker();
  sender.run([] { return false; });
  EXPECT_EQ(deliveries(admin).front().state, DeliveryState::Failed);
  const auto row = endpoint_row(admin);
  EXPECT_FALSE(row.enabled);
  EXPECT_NE(row.disabled_reason.value_or("").find("410"), std::string::npos);
  EXPECT_TRUE(mail_.sent.empty());
  publish("order.paid", std::nullopt);  // a disabled endpoint gets no more deliveries
  EXPECT_EQ(deliveries(admin).size(), 1U);
}

TEST_P(WebhookDelivery, WhenTheScheduleRunsOutTheEndpointIsDisabledAndItsOwnerMailed) {
  const auto vendor = endpoint("usr_v1", http::Role::Vendor);
  publish("product.created", "usr_v1");
  for (int i = 0; i < 3; ++i) receiver_.answer(status(503));
  auto sender = worker();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(sender.run([] { return false; }), 1U);
    clock_.advance(milliseconds(1000));
  }
  const auto delivery = deliveries(vendor).front();
  EXPECT_EQ(delivery.state, DeliveryState::Failed);
  EXPECT_EQ(delivery.attempts, 3);
  EXPECT_FALSE(endpoint_row(vendor).enabled);
  ASSERT_EQ(mail_.sent.size(), 1U);
  EXPECT_EQ(mail_.sent.front().to, "usr_v1@example.com");
  EXPECT_NE(mail_.sent.front().text.find(vendor), std::string::npos);
  EXPECT_EQ(sender.run([] { return false; }), 0U);
}

TEST_P(WebhookDelivery, ALeaseThatRanOutIsTakenOverAndTheOldClaimCannotRecord) {
  const auto admin = endpoint("usr_admin", http::Role::Admin);
  publish("product.created", "usr_v1");
  auto sender = worker();
  std::vector<Claim> crashed;  // a worker that claimed and then died
  write([&](Connection& c) {
    crashed = DeliveryStore::claim(c, GetParam(), clock_.now(), clock_.now() + sender.lease(), 8,
                                   [] { return std::string("dead-token"); });
  });
  ASSERT_EQ(crashed.size(), 1U);
  EXPECT_EQ(deliveries(admin).front().state, DeliveryState::Delivering);
  EXPECT_EQ(sender.run([] { return false; }), 0U);  // the lease still holds
  clock_.advance(sender.lease() + milliseconds(1));
  EXPECT_EQ(sender.run([] { return false; }), 1U);
  const auto delivery = deliveries(admin).front();
  EXPECT_EQ(delivery.state, DeliveryState::Delivered);
  EXPECT_EQ(delivery.attempts, 2);
  bool recorded = true;
  write([&](Connection& c) {
    recorded = DeliveryStore::finish(c, crashed.front(), {.state = DeliveryState::Failed, .at = clock_.now()},
                                     {.attempt = 1, .started_at = clock_.now()});
  });
  EXPECT_FALSE(recorded);
  EXPECT_EQ(deliveries(admin).front().state, DeliveryState::Delivered);
}

TEST_P(WebhookDelivery, AManualRetryIsOneMoreAttemptWithoutTheSchedule) {
  const auto admin = endpoint("usr_admin", http::Role::Admin);
  publish("product.created", "usr_v1");
  receiver_.answer(status(500));
  auto sender = worker({});  // no retries: the first failure gives up (and disables)
  sender.run([] { return false; });
  write([&](Connection& c) { c.execute("UPDATE webhook_endpoints SET enabled = TRUE WHERE id = $1", {admin}); });
  const auto failed = deliveries(admin).front();
  ASSERT_EQ(failed.state, DeliveryState::Failed);
  EndpointService service({.database = db_.database(), .ids = ids_, .clock = clock_, .audit = audit_});
  const http::Principal owner{.user_id = "usr_admin", .role = http::Role::Admin, .session_id = "", .api_key_id = ""};
  const auto retried = service.retry(owner, admin, failed.id);
  ASSERT_TRUE(retried.has_value());
  EXPECT_EQ(retried->state, DeliveryState::Pending);
  EXPECT_TRUE(retried->manual);
  EXPECT_TRUE(service.retry(owner, admin, failed.id)->manual);  // asking twice keeps it one manual attempt
  receiver_.answer(status(502));
  EXPECT_EQ(sender.run([] { return false; }), 1U);
  EXPECT_EQ(deliveries(admin).front().state, DeliveryState::Failed);
  EXPECT_TRUE(endpoint_row(admin).enabled);  // a manual attempt never disables
  ASSERT_TRUE(service.retry(owner, admin, failed.id).has_value());
  EXPECT_EQ(sender.run([] { return false; }), 1U);
  EXPECT_EQ(deliveries(admin).front().state, DeliveryState::Delivered);
  const http::Principal stranger{.user_id = "usr_v2", .role = http::Role::Vendor, .session_id = "", .api_key_id = ""};
  EXPECT_EQ(service.retry(stranger, admin, failed.id).error().status, 404);
}

TEST_P(WebhookDelivery, DeletingAnEndpointTakesItsDeliveriesAndTheirAttemptsAlong) {
  const auto admin = endpoint("usr_admin", http::Role::Admin);
  const auto kept = endpoint("usr_admin", http::Role::Admin);
  publish("product.created", "usr_v1");
  receiver_.answer(status(500));
  auto sender = worker();
  EXPECT_EQ(sender.run([] { return false; }), 2U);
  std::vector<Claim> in_flight;
  clock_.advance(milliseconds(1000));
  write([&](Connection& c) {
    in_flight = DeliveryStore::claim(c, GetParam(), clock_.now(), clock_.now() + sender.lease(), 8,
                                     [] { return std::string("late-token"); });
  });
  ASSERT_EQ(in_flight.size(), 1U);  // the one that failed, claimed again
  bool removed = false;
  write([&](Connection& c) { removed = EndpointStore::remove(c, in_flight.front().endpoint_id); });
  EXPECT_TRUE(removed);
  bool recorded = true;
  write([&](Connection& c) {
    recorded = DeliveryStore::finish(c, in_flight.front(), {.state = DeliveryState::Delivered, .at = clock_.now()},
                                     {.attempt = 2, .started_at = clock_.now()});
  });
  EXPECT_FALSE(recorded);
  const auto left = storage::with_connection(db_.database(), [](Connection& c) {
    return std::pair{c.query("SELECT COUNT(*) FROM webhook_deliveries").front().integer(0),
                     c.query("SELECT COUNT(*) FROM webhook_attempts").front().integer(0)};
  });
  EXPECT_EQ(left, (std::pair<std::int64_t, std::int64_t>{1, 1}));  // the other endpoint's delivery and attempt
  EXPECT_EQ(deliveries(in_flight.front().endpoint_id == admin ? kept : admin).size(), 1U);
}

TEST_P(WebhookDelivery, TheRealClientRefusesAPrivateAddressAtDeliveryTime) {
  // As if the endpoint's name had resolved to a public address at registration and to loopback now.
  const auto admin = endpoint("usr_admin", http::Role::Admin);
  write([&](Connection& c) {
    c.execute("UPDATE webhook_endpoints SET url = 'http://127.0.0.1:9/hook' WHERE id = $1", {admin});
  });
  publish("product.created", "usr_v1");
  outbound::CurlHttpClient network;
  DeliveryWorker sender(
      {.database = db_.database(), .clock = clock_, .audit = audit_, .http = network, .mailer = mail_},
      {.retry_schedule = {milliseconds(100)}, .timeout = milliseconds(1000), .allow_private = false});
  EXPECT_EQ(sender.run([] { return false; }), 1U);
  const auto delivery = deliveries(admin).front();
  EXPECT_EQ(delivery.state, DeliveryState::Pending);
  ASSERT_EQ(delivery.attempt_log.size(), 1U);
  EXPECT_EQ(delivery.attempt_log.front().status, std::nullopt);
  EXPECT_EQ(delivery.attempt_log.front().error, "refused: address not allowed");
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookDelivery, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::webhooks
