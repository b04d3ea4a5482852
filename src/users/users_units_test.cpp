// Unit tests of the small parts of the users domain: emails, password hashing, throttles, caches, the JWT key.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support/random.hpp"
#include "users/credential_cache.hpp"
#include "users/email.hpp"
#include "users/jwt_key.hpp"
#include "users/login_throttle.hpp"
#include "users/password_hasher.hpp"

namespace emporium::users {
namespace {

TEST(Email, NormalisesCaseAndSpace) { EXPECT_EQ(normalize_email("  Ann@Example.COM "), "ann@example.com"); }

TEST(Email, AcceptsPlausibleAddresses) {
  for (const char* email : {"a@b.co", "first.last+tag@sub.example.org", "x_y@d-1.io"}) {
    EXPECT_TRUE(is_plausible_email(email)) << email;
  }
}

TEST(Email, RefusesImplausibleAddresses) {
  for (const char* email : {"", "a", "a@b", "@b.co", "a@.co", "a@b.", "a@@b.co", "a b@c.co", "a@b..co", "<a@b.co>",
                            "a@b.co\r\nBcc: x@y.z"}) {
    EXPECT_FALSE(is_plausible_email(email)) << email;
  }
  EXPECT_FALSE(is_plausible_email(std::string(65, 'a') + "@b.co"));
}

const PasswordHashParameters kFast{.memory_kib = 8, .iterations = 1};

TEST(PasswordHasher, VerifiesTheRightPasswordOnly) {
  const PasswordHasher hasher(kFast);
  const auto hash = hasher.hash("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(hasher.verify("correct horse battery", hash).matches);
  EXPECT_FALSE(hasher.verify("correct horse batterY", hash).matches);
  EXPECT_NE(hash, hasher.hash("correct horse battery"));  // salted
}

TEST(PasswordHasher, AsksForARehashWhenTheParametersChange) {
  const PasswordHasher old_hasher(kFast);
  const PasswordHasher new_hasher({.memory_kib = 16, .iterations = 2});
  const auto hash = old_hasher.hash("correct horse battery");
  const auto verdict = new_hasher.verify("correct horse battery", hash);
  EXPECT_TRUE(verdict.matches);
  EXPECT_TRUE(verdict.needs_rehash);
  EXPECT_FALSE(old_hasher.verify("correct horse battery", hash).needs_rehash);
}

TEST(PasswordHasher, UsesOwaspParametersByDefault) {
  const PasswordHashParameters defaults;
  EXPECT_GE(defaults.memory_kib, 19u * 1024u);
  EXPECT_GE(defaults.iterations, 2u);
}

TEST(FailureThrottle, BlocksAfterTheLimitUntilTheWindowEnds) {
  ManualClock clock(from_unix_millis(600'000));
  FailureThrottle throttle(clock);
  const ThrottleRule rule{3, std::chrono::minutes(10)};
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(throttle.blocked_for("k", rule));
    throttle.record_failure("k", rule);
  }
  EXPECT_EQ(throttle.blocked_for("k", rule), 600);
  EXPECT_FALSE(throttle.blocked_for("other", rule));
  clock.advance(std::chrono::minutes(10));
  EXPECT_FALSE(throttle.blocked_for("k", rule));
}

TEST(FailureThrottle, ForgetsAKeyWhenCleared) {
  ManualClock clock(from_unix_millis(0));
  FailureThrottle throttle(clock);
  const ThrottleRule rule{1, std::chrono::minutes(10)};
  throttle.record_failure("k", rule);
  EXPECT_TRUE(throttle.blocked_for("k", rule));
  throttle.clear("k");
  EXPECT_FALSE(throttle.blocked_for("k", rule));
}

TEST(SessionCache, ExpiresActiveEntriesButNeverRevocations) {
  ManualClock clock(from_unix_millis(0));
  SessionCache cache(clock, std::chrono::seconds(5));
  EXPECT_EQ(cache.state("s1"), SessionCache::State::Unknown);
  cache.remember_active("s1");
  EXPECT_EQ(cache.state("s1"), SessionCache::State::Active);
  clock.advance(std::chrono::seconds(5));
  EXPECT_EQ(cache.state("s1"), SessionCache::State::Unknown);
  cache.remember_revoked("s1");
  cache.remember_active("s1");  // a read that started before the revocation must not resurrect it
  clock.advance(std::chrono::hours(1));
  EXPECT_EQ(cache.state("s1"), SessionCache::State::Revoked);
}

TEST(ApiKeyCache, ForgetsEverythingOnRevocation) {
  ManualClock clock(from_unix_millis(0));
  ApiKeyCache cache(clock, std::chrono::seconds(5));
  cache.remember("h1", http::Principal{"usr_1", http::Role::Vendor, "", "key_1"});
  ASSERT_TRUE(cache.find("h1"));
  EXPECT_EQ(cache.find("h1")->role, http::Role::Vendor);
  cache.forget_all();
  EXPECT_FALSE(cache.find("h1"));
}

class JwtKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory = std::filesystem::temp_directory_path() / ("emporium-jwt-" + random_token(6));
    std::filesystem::create_directories(directory);
  }
  void TearDown() override { std::filesystem::remove_all(directory); }
  std::filesystem::path directory;
};

TEST_F(JwtKeyTest, CreatesAPrivateKeyOnceAndReusesIt) {
  const auto first = load_jwt_key(std::nullopt, directory.string());
  EXPECT_GE(first.size(), 32u);
  struct stat info {};
  ASSERT_EQ(::stat((directory / "jwt.key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(load_jwt_key(std::nullopt, directory.string()), first);
}

TEST_F(JwtKeyTest, PrefersTheConfiguredSecretAndRefusesShortOnes) {
  EXPECT_EQ(load_jwt_key(std::string(32, 's'), directory.string()), std::string(32, 's'));
  EXPECT_THROW(load_jwt_key(std::string(31, 's'), directory.string()), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(directory / "jwt.key"));
}

}  // namespace
}  // namespace emporium::users
