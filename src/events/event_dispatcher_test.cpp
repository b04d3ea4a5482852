// The event dispatcher against real databases (SQLite and PostgreSQL): each event reaches every consumer once,
// in the same transaction that marks it dispatched, also with several dispatchers running at once.
#include "events/event_dispatcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "storage/migrator.hpp"
#include "storage/testing/test_database.hpp"

namespace emporium::events {
namespace {
using storage::Backend;
using storage::Connection;

// Writes one job row per event it cares about into a table of its own, like the mail and webhook consumers.
class RecordingConsumer final : public EventConsumer {
 public:
  explicit RecordingConsumer(std::string wanted_type) : wanted_type_(std::move(wanted_type)) {}
  std::string_view name() const override { return "recording"; }
  bool plan(Connection& connection, const StoredEvent& event) override {
    if (fail_on_ == event.id) throw std::runtime_error("consumer failed");
    if (event.type != wanted_type_) return false;
    connection.execute("INSERT INTO test_jobs (event_id, consumer) VALUES ($1, $2)", {event.id, wanted_type_});
    return true;
  }
  void planned() override { ++planned_calls; }

  std::string fail_on_;
  std::atomic<int> planned_calls{0};

 private:
  std::string wanted_type_;
};

class Dispatcher : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db().transaction(storage::TxMode::Write, [](Connection& c) {
      c.execute("CREATE TABLE test_jobs (event_id TEXT NOT NULL, consumer TEXT NOT NULL)");
      return true;
    });
  }
  storage::Database& db() { return test_db_.database(); }

  std::string record(const std::string& type) {
    std::string id;
    clock_.advance(std::chrono::milliseconds(1));  // ids are time-ordered: one event per millisecond
    db().transaction(storage::TxMode::Write, [&](Connection& c) {
      id = log_.record(c, {.type = type, .subject_id = "ord_1", .owner_id = std::nullopt, .data = "{}"});
      return true;
    });
    return id;
  }
  std::int64_t count(const std::string& sql) {
    return storage::with_connection(db(), [&](Connection& c) { return c.query(sql).front().integer(0); });
  }

  storage::TestDatabase test_db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdGenerator ids_{clock_};
  EventLog log_{ids_, clock_};
};

TEST_P(Dispatcher, HandsEachEventToEveryConsumerOnceAndMarksItDispatched) {
  RecordingConsumer orders("order.created");
  RecordingConsumer products("product.created");
  EventDispatcher dispatcher(db(), clock_);
  dispatcher.add(orders);
  dispatcher.add(products);
  record("order.created");
  record("product.created");
  record("review.created");

  EXPECT_EQ(dispatcher.dispatch_batch(), 3u);
  EXPECT_EQ(dispatcher.dispatch_batch(), 0u) << "nothing is dispatched twice";
  EXPECT_EQ(count("SELECT COUNT(*) FROM test_jobs WHERE consumer = 'order.created'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM test_jobs WHERE consumer = 'product.created'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE dispatched_at IS NULL"), 0);
  EXPECT_EQ(orders.planned_calls, 1) << "planned() after the commit, only for consumers that wrote something";
}

TEST_P(Dispatcher, BatchesAreOldestFirstAndBounded) {
  RecordingConsumer consumer("order.created");
  EventDispatcher dispatcher(db(), clock_);
  dispatcher.add(consumer);
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(record("order.created"));
  EXPECT_EQ(dispatcher.dispatch_batch(2), 2u);
  const auto first = storage::with_connection(db(), [&](Connection& c) {
    std::set<std::string> seen;
    for (const auto row : c.query("SELECT event_id FROM test_jobs")) seen.insert(row.text(0));
    return seen;
  });
  EXPECT_EQ(first, (std::set<std::string>{ids[0], ids[1]}));
  EXPECT_EQ(dispatcher.dispatch_batch(10), 3u);
}

TEST_P(Dispatcher, AConsumerThatThrowsRollsTheBatchBackAndItIsPlannedAgain) {
  RecordingConsumer consumer("order.created");
  EventDispatcher dispatcher(db(), clock_);
  dispatcher.add(consumer);
  record("order.created");
  const auto failing = record("order.created");
  consumer.fail_on_ = failing;
  EXPECT_THROW(dispatcher.dispatch_batch(), std::runtime_error);
  EXPECT_EQ(count("SELECT COUNT(*) FROM test_jobs"), 0) << "no job of a batch that did not commit";
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE dispatched_at IS NULL"), 2);
  consumer.fail_on_.clear();
  EXPECT_EQ(dispatcher.dispatch_batch(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM test_jobs"), 2);
}

TEST_P(Dispatcher, SeveralDispatchersAtOnceStillPlanEachEventOnce) {
  constexpr int kEvents = 120;
  for (int i = 0; i < kEvents; ++i) record("order.created");
  RecordingConsumer consumer("order.created");
  std::atomic<std::size_t> dispatched{0};
  std::vector<std::thread> nodes;
  for (int node = 0; node < 4; ++node) {
    nodes.emplace_back([&] {
      EventDispatcher dispatcher(db(), clock_);
      dispatcher.add(consumer);
      for (;;) {
        const auto n = dispatcher.dispatch_batch(7);
        if (n == 0) break;
        dispatched += n;
      }
    });
  }
  for (auto& node : nodes) node.join();
  EXPECT_EQ(dispatched.load(), static_cast<std::size_t>(kEvents));
  EXPECT_EQ(count("SELECT COUNT(*) FROM test_jobs"), kEvents);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT event_id) FROM test_jobs"), kEvents);
}

// An upgrade from a version without delivery: events recorded before it are history, never mailed or sent now.
TEST_P(Dispatcher, EventsRecordedBeforeDeliveryExistedAreNotDispatched) {
  storage::TestDatabase fresh(GetParam(), {.migrate = false});
  const auto all = storage::migrations_for(GetParam());
  const auto before_delivery = std::find_if(all.begin(), all.end(), [](const EmbeddedFile& file) {
    return file.path.find("0010_event_dispatch") != std::string_view::npos;
  });
  ASSERT_NE(before_delivery, all.end());
  storage::Migrator(fresh.database(), {all.begin(), before_delivery}, clock_).migrate();
  fresh.database().transaction(storage::TxMode::Write, [&](Connection& c) {
    log_.record(c, {.type = "order.created", .subject_id = "ord_old", .owner_id = std::nullopt, .data = "{}"});
    c.execute("CREATE TABLE test_jobs (event_id TEXT NOT NULL, consumer TEXT NOT NULL)");
    return true;
  });
  storage::Migrator(fresh.database(), all, clock_).migrate();
  RecordingConsumer consumer("order.created");
  EventDispatcher dispatcher(fresh.database(), clock_);
  dispatcher.add(consumer);
  EXPECT_EQ(dispatcher.dispatch_batch(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Dispatcher, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::events
