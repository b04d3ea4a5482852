// The mail queue and its delivery worker against real databases (SQLite and PostgreSQL), with a transport
// that records what it was given and fails on demand, and a clock moved by hand: each message goes out once,
// failures wait out the retry schedule, a worker that died holding a lease is taken over once it ran out,
// and several workers at once never send a message twice.
#include "notifications/mail_delivery.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "notifications/mail_store.hpp"
#include "notifications/queue_mailer.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::notifications {
namespace {
using namespace std::chrono_literals;
using storage::Backend;
using storage::Connection;

TEST(RetryDelay, FollowsTheScheduleWithTwentyPercentJitter) {
  const std::vector<std::chrono::milliseconds> schedule{100ms, 200ms};
  EXPECT_EQ(retry_delay(schedule, 1, 0.0), 80ms);
  EXPECT_EQ(retry_delay(schedule, 1, 0.5), 100ms);
  EXPECT_EQ(retry_delay(schedule, 1, 0.999999), 120ms);
  EXPECT_EQ(retry_delay(schedule, 2, 0.5), 200ms);
  EXPECT_EQ(retry_delay(schedule, 2, 0.0), 160ms);
  EXPECT_EQ(retry_delay(schedule, 3, 0.5), std::nullopt) << "the schedule is used up: the message fails";
  EXPECT_EQ(retry_delay(schedule, 0, 0.5), std::nullopt);
  EXPECT_EQ(retry_delay({}, 1, 0.5), std::nullopt);
  const std::vector<std::chrono::milliseconds> hours{2h};
  EXPECT_EQ(retry_delay(hours, 1, 0.25), 108min);
}

class RecordingTransport final : public MailTransport {
 public:
  void deliver(const Envelope& envelope, const std::string& message, const std::string& id) override {
    const std::lock_guard lock(mutex_);
    if (failures_left_ > 0) {
      --failures_left_;
      throw DeliveryError("451 try again later", permanent_);
    }
    ++sent_[id];
    last_envelope_ = envelope;
    last_message_ = message;
  }
  void fail_next(int count, bool permanent = false) {
    const std::lock_guard lock(mutex_);
    failures_left_ = count;
    permanent_ = permanent;
  }
  std::map<std::string, int> sent() const {
    const std::lock_guard lock(mutex_);
    return sent_;
  }
  Envelope last_envelope() const {
    const std::lock_guard lock(mutex_);
    return last_envelope_;
  }
  std::string last_message() const {
    const std::lock_guard lock(mutex_);
    return last_message_;
  }

 private:
  mutable std::mutex mutex_;
  int failures_left_ = 0;
  bool permanent_ = false;
  std::map<std::string, int> sent_;
  Envelope last_envelope_;
  std::string last_message_;
};

class MailQueue : public ::testing::TestWithParam<Backend> {
 protected:
  storage::Database& db() { return test_db_.database(); }

  std::string queue(const std::string& to = "ada@example.com") {
    clock_.advance(1ms);
    mailer_.send({.to = to, .subject = "Hello", .text = "Hi\n", .html = "<p>Hi</p>", .to_name = "Ada", .kind = "t"});
    return last_id();
  }
  std::string last_id() {
    return storage::with_connection(db(), [](Connection& c) {
      return c.query("SELECT id FROM mail_messages ORDER BY id DESC LIMIT 1").front().text(0);
    });
  }
  std::string state_of(const std::string& id) {
    return storage::with_connection(db(), [&](Connection& c) {
      return c.query("SELECT state FROM mail_messages WHERE id = $1", {std::string_view(id)}).front().text(0);
    });
  }
  MailDelivery worker(std::vector<std::chrono::milliseconds> schedule = {100ms, 200ms}) {
    return MailDelivery(db(), clock_, transport_,
                        {.from = "Shop <no-reply@shop.example>", .retry_schedule = std::move(schedule), .lease = 1min});
  }

  storage::TestDatabase test_db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdGenerator ids_{clock_};
  std::atomic<int> wakes_{0};
  QueueMailer mailer_{db(), ids_, clock_, {.store_name = "Shop", .storefront_url = ""}, [this] { ++wakes_; }};
  RecordingTransport transport_;
};

TEST_P(MailQueue, AQueuedMessageIsSentOnceWithItsEnvelopeAndWakesTheWorker) {
  const auto id = queue();
  EXPECT_EQ(wakes_, 1);
  EXPECT_EQ(state_of(id), "pending");
  auto delivery = worker();
  EXPECT_EQ(delivery.deliver_due(), 1u);
  EXPECT_EQ(delivery.deliver_due(), 0u) << "nothing is due any more";
  EXPECT_EQ(transport_.sent(), (std::map<std::string, int>{{id, 1}}));
  EXPECT_EQ(transport_.last_envelope().from, "no-reply@shop.example");
  EXPECT_EQ(transport_.last_envelope().to, "ada@example.com");
  EXPECT_NE(transport_.last_message().find("Message-ID: <" + id + "@shop.example>"), std::string::npos);
  EXPECT_EQ(state_of(id), "sent");
  const auto bodies = storage::with_connection(db(), [&](Connection& c) {
    const auto rows =
        c.query("SELECT text_body, html_body, subject FROM mail_messages WHERE id = $1", {std::string_view(id)});
    return rows.front().text(0) + "|" + rows.front().optional_text(1).value_or("NULL") + "|" + rows.front().text(2);
  });
  EXPECT_EQ(bodies, "|NULL|Hello") << "a sent message keeps no bodies";
}

TEST_P(MailQueue, TemporaryFailuresWaitOutTheScheduleThenTheMessageFails) {
  const auto id = queue();
  auto delivery = worker();
  transport_.fail_next(10);
  EXPECT_EQ(delivery.deliver_due(), 0u);
  EXPECT_EQ(state_of(id), "pending");
  clock_.advance(79ms);
  EXPECT_EQ(delivery.deliver_due(), 0u);
  EXPECT_EQ(state_of(id), "pending") << "not tried again before the first delay (at least 80 ms)";
  clock_.advance(41ms);
  delivery.deliver_due();  // the second attempt, failing too
  clock_.advance(240ms);   // the second delay is at most 240 ms
  delivery.deliver_due();  // the third: the schedule is used up
  EXPECT_EQ(state_of(id), "failed");
  clock_.advance(1h);
  EXPECT_EQ(delivery.deliver_due(), 0u);
  EXPECT_TRUE(transport_.sent().empty());
  const auto attempts = storage::with_connection(db(), [&](Connection& c) {
    return c.query("SELECT attempts, last_error FROM mail_messages WHERE id = $1", {std::string_view(id)})
        .front()
        .integer(0);
  });
  EXPECT_EQ(attempts, 3);
}

TEST_P(MailQueue, AMessageRefusedOnceIsSentOnTheRetry) {
  const auto id = queue();
  auto delivery = worker();
  transport_.fail_next(1);
  EXPECT_EQ(delivery.deliver_due(), 0u);
  clock_.advance(120ms);
  EXPECT_EQ(delivery.deliver_due(), 1u);
  EXPECT_EQ(transport_.sent(), (std::map<std::string, int>{{id, 1}}));
  EXPECT_EQ(state_of(id), "sent");
}

TEST_P(MailQueue, APermanentRefusalFailsAtOnce) {
  const auto id = queue();
  auto delivery = worker();
  transport_.fail_next(1, true);
  delivery.deliver_due();
  EXPECT_EQ(state_of(id), "failed");
}

TEST_P(MailQueue, AWorkerThatDiedHoldingALeaseIsTakenOverWhenTheLeaseRunsOut) {
  const auto id = queue();
  std::vector<ClaimedMail> stale;
  db().transaction(storage::TxMode::Write, [&](Connection& c) {
    stale = MailStore::claim(c, db().backend(), clock_.now(), clock_.now() + 1min, "dead-worker", 10);
    return true;
  });
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(state_of(id), "sending");
  auto delivery = worker();
  EXPECT_EQ(delivery.deliver_due(), 0u) << "the lease still holds";
  clock_.advance(1min);
  EXPECT_EQ(delivery.deliver_due(), 1u);
  EXPECT_EQ(state_of(id), "sent");
  const bool late =
      storage::with_connection(db(), [&](Connection& c) { return MailStore::mark_failed(c, stale[0], "x"); });
  EXPECT_FALSE(late) << "the dead worker's token no longer counts";
  EXPECT_EQ(state_of(id), "sent");
}

TEST_P(MailQueue, AnEventQueuesEachKindToEachRecipientOnce) {
  const QueuedMail mail{
      .id = ids_.next("msg"),
      .event_id = "evt_1",
      .message = {.to = "a@x.test", .subject = "s", .text = "t", .html = {}, .to_name = {}, .kind = "k"},
      .created_at = clock_.now()};
  auto again = mail;
  again.id = ids_.next("msg");
  auto other = again;
  other.id = ids_.next("msg");
  other.message.to = "b@x.test";
  db().transaction(storage::TxMode::Write, [&](Connection& c) {
    EXPECT_TRUE(MailStore::insert(c, mail));
    EXPECT_FALSE(MailStore::insert(c, again)) << "the same event, kind and recipient";
    EXPECT_TRUE(MailStore::insert(c, other));
    return true;
  });
}

TEST_P(MailQueue, SeveralWorkersAtOnceSendEveryMessageOnce) {
  constexpr int kMessages = 40;
  for (int i = 0; i < kMessages; ++i) queue("user" + std::to_string(i) + "@example.com");
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([this] {
      auto delivery = worker();
      for (int round = 0; round < 20; ++round) delivery.deliver_due();
    });
  }
  for (auto& thread : workers) thread.join();
  const auto sent = transport_.sent();
  EXPECT_EQ(sent.size(), static_cast<std::size_t>(kMessages));
  for (const auto& [id, times] : sent) EXPECT_EQ(times, 1) << id;
}

INSTANTIATE_TEST_SUITE_P(Backends, MailQueue, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::notifications
