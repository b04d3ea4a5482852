#include "idempotency/idempotency_keys.hpp"

#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace emporium::idempotency {
namespace {
using storage::Backend;
using storage::Connection;
using storage::TxMode;
using namespace std::chrono_literals;

class IdempotencyKeysTest : public ::testing::TestWithParam<Backend> {
 protected:
  Claim claim(const KeyUse& use) {
    Claim out;
    test_db_.database().transaction(TxMode::Write, [&](Connection& connection) {
      out = keys_.claim(connection, use);
      return true;
    });
    return out;
  }
  bool complete(const KeyUse& use, const std::string& token, const StoredResponse& response) {
    bool done = false;
    test_db_.database().transaction(TxMode::Write, [&](Connection& connection) {
      done = keys_.complete(connection, use, token, response);
      return true;
    });
    return done;
  }

  storage::TestDatabase test_db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdempotencyKeys keys_{clock_, KeySettings{.claim_timeout = 60s, .lifetime = 24h}};
  const KeyUse use_{.user_id = "usr_1", .key = "key-1", .fingerprint = "aaaa"};
  const StoredResponse response_{
      .status = 201, .headers = {{"Content-Type", "application/json"}, {"Location", "/x/1"}}, .body = "{\"id\":1}"};
};

TEST_P(IdempotencyKeysTest, ANewKeyIsClaimedThenReplayedOnceDone) {
  const auto first = claim(use_);
  ASSERT_EQ(first.decision, Decision::Proceed);
  EXPECT_FALSE(first.token.empty());
  EXPECT_EQ(claim(use_).decision, Decision::InProgress);
  ASSERT_TRUE(complete(use_, first.token, response_));
  const auto again = claim(use_);
  ASSERT_EQ(again.decision, Decision::Replay);
  ASSERT_TRUE(again.response);
  EXPECT_EQ(again.response->status, 201);
  EXPECT_EQ(again.response->body, response_.body);
  EXPECT_EQ(again.response->headers, response_.headers);
}

TEST_P(IdempotencyKeysTest, AnotherRequestWithTheKeyIsAMismatchWhateverItsState) {
  const auto first = claim(use_);
  auto other = use_;
  other.fingerprint = "bbbb";
  EXPECT_EQ(claim(other).decision, Decision::Mismatch);
  ASSERT_TRUE(complete(use_, first.token, response_));
  EXPECT_EQ(claim(other).decision, Decision::Mismatch);
}

TEST_P(IdempotencyKeysTest, KeysBelongToTheirUser) {
  ASSERT_EQ(claim(use_).decision, Decision::Proceed);
  auto someone_else = use_;
  someone_else.user_id = "usr_2";
  someone_else.fingerprint = "cccc";
  EXPECT_EQ(claim(someone_else).decision, Decision::Proceed);
}

TEST_P(IdempotencyKeysTest, AClaimRolledBackWithItsWorkLeavesNoTrace) {
  test_db_.database().transaction(TxMode::Write, [&](Connection& connection) {
    EXPECT_EQ(keys_.claim(connection, use_).decision, Decision::Proceed);
    return false;  // the work failed
  });
  auto other = use_;
  other.fingerprint = "bbbb";
  EXPECT_EQ(claim(other).decision, Decision::Proceed) << "the key was never used";
}

TEST_P(IdempotencyKeysTest, AStaleClaimIsTakenOverAndTheOldTokenCanNoLongerComplete) {
  const auto first = claim(use_);
  clock_.advance(59s);
  EXPECT_EQ(claim(use_).decision, Decision::InProgress);
  clock_.advance(2s);
  const auto second = claim(use_);
  ASSERT_EQ(second.decision, Decision::Resume);
  EXPECT_EQ(second.claimed_at, first.claimed_at);
  EXPECT_NE(second.token, first.token);
  EXPECT_FALSE(complete(use_, first.token, response_)) << "a taken-over claim is not the old request's any more";
  EXPECT_TRUE(complete(use_, second.token, response_));
  EXPECT_EQ(claim(use_).decision, Decision::Replay);
}

TEST_P(IdempotencyKeysTest, AStaleClaimWithAnotherRequestIsStillAMismatch) {
  claim(use_);
  clock_.advance(2min);
  auto other = use_;
  other.fingerprint = "bbbb";
  EXPECT_EQ(claim(other).decision, Decision::Mismatch);
}

TEST_P(IdempotencyKeysTest, KeysLiveTheirLifetimeThenMayBeUsedAgain) {
  const auto first = claim(use_);
  ASSERT_TRUE(complete(use_, first.token, response_));
  clock_.advance(24h - 1s);
  EXPECT_EQ(claim(use_).decision, Decision::Replay);
  clock_.advance(1s);
  auto other = use_;
  other.fingerprint = "bbbb";
  EXPECT_EQ(claim(other).decision, Decision::Proceed) << "an expired key is a new key";
}

TEST_P(IdempotencyKeysTest, PurgeDeletesOnlyExpiredKeys) {
  claim(use_);
  clock_.advance(12h);
  auto younger = use_;
  younger.key = "key-2";
  claim(younger);
  clock_.advance(12h);
  std::int64_t purged = 0;
  test_db_.database().transaction(TxMode::Write, [&](Connection& connection) {
    purged = keys_.purge(connection);
    return true;
  });
  EXPECT_EQ(purged, 1);
  EXPECT_EQ(claim(younger).decision, Decision::Resume) << "still remembered (a stale claim, taken over)";
  auto other = use_;
  other.fingerprint = "bbbb";
  EXPECT_EQ(claim(other).decision, Decision::Proceed) << "forgotten";
}

TEST_P(IdempotencyKeysTest, ReleaseForgetsOnlyItsOwnClaim) {
  const auto first = claim(use_);
  test_db_.database().transaction(TxMode::Write, [&](Connection& connection) {
    keys_.release(connection, use_, "not-the-token");
    return true;
  });
  EXPECT_EQ(claim(use_).decision, Decision::InProgress);
  test_db_.database().transaction(TxMode::Write, [&](Connection& connection) {
    keys_.release(connection, use_, first.token);
    return true;
  });
  EXPECT_EQ(claim(use_).decision, Decision::Proceed);
}

TEST_P(IdempotencyKeysTest, PeekTellsWhatTheKeyDecidesWithoutWriting) {
  const auto peek = [&](const KeyUse& use) {
    return storage::with_connection(test_db_.database(), [&](Connection& c) { return keys_.peek(c, use); });
  };
  EXPECT_FALSE(peek(use_)) << "a new key: only claim() decides";
  const auto first = claim(use_);
  EXPECT_EQ(peek(use_)->decision, Decision::InProgress);
  auto other = use_;
  other.fingerprint = "bbbb";
  EXPECT_EQ(peek(other)->decision, Decision::Mismatch);
  ASSERT_TRUE(complete(use_, first.token, response_));
  const auto replay = peek(use_);
  ASSERT_EQ(replay->decision, Decision::Replay);
  EXPECT_EQ(replay->response->body, response_.body);
  clock_.advance(24h);
  EXPECT_FALSE(peek(other)) << "expired";
  EXPECT_EQ(claim(other).decision, Decision::Proceed);
  clock_.advance(2min);
  EXPECT_FALSE(peek(other)) << "stale: claim() takes it over";
}

INSTANTIATE_TEST_SUITE_P(Backends, IdempotencyKeysTest, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::idempotency
