// Delivery through SMTP when the SMTP server says no: refused attempts are retried on the schedule
// (100 ms, 200 ms here) and the message arrives exactly once; once the schedule is used up, or after a
// permanent refusal (5xx), the message fails and is logged, and nothing more is tried.
#include <gtest/gtest.h>

#include "mail_suite.hpp"

namespace emporium::testing {
namespace {

class MailRetries : public MailSuite<MailRetries> {
 protected:
  static bool failure_logged(const std::string& kind, bool permanent) {
    return server()
        .wait_for_log([&](const boost::json::object& record) {
          const auto* logged_kind = record.if_contains("kind");
          const auto* logged_permanent = record.if_contains("permanent");
          return log_message_is("mail failed")(record) && logged_kind != nullptr && logged_kind->is_string() &&
                 logged_kind->as_string() == kind && logged_permanent != nullptr &&
                 *logged_permanent == boost::json::value(permanent);
        })
        .has_value();
  }
};

TEST_F(MailRetries, AMessageRefusedTwiceArrivesOnTheThirdAttemptExactlyOnce) {
  auto client = this->client();
  const auto person = customer_named("Retry Me");
  sink().reject_next(person.email, 2, 451);
  ask_for_password_reset(client, person.email);
  const auto mails = sink().await_messages_to(person.email);
  EXPECT_EQ(mails[0].subject, "Reset your password");
  EXPECT_EQ(sink().attempts_to(person.email), std::make_pair(1, 2)) << "accepted once after two refusals";

  ask_for_password_reset(client, person.email);  // a later message: the first was not sent again meanwhile
  EXPECT_EQ(sink().await_messages_to(person.email, 2).size(), 2u);
  EXPECT_EQ(sink().attempts_to(person.email), std::make_pair(2, 2));
}

TEST_F(MailRetries, AfterTheLastRetryTheMessageFailsAndIsLogged) {
  auto client = this->client();
  const auto person = customer_named("Never Reached");
  sink().reject_next(person.email, 10, 451);
  ask_for_password_reset(client, person.email);
  ASSERT_TRUE(failure_logged("password_reset", false));
  EXPECT_EQ(sink().attempts_to(person.email), std::make_pair(0, 3)) << "the first attempt and two retries";
  // With the refusals left cleared, a new message goes through, and the failed one is not tried again.
  sink().reject_next(person.email, 0);
  ask_for_password_reset(client, person.email);
  sink().await_messages_to(person.email);
  EXPECT_EQ(sink().attempts_to(person.email), std::make_pair(1, 3));
}

TEST_F(MailRetries, APermanentRefusalFailsAtOnce) {
  auto client = this->client();
  const auto person = customer_named("No Such Mailbox");
  sink().reject_next(person.email, 1, 550);
  ask_for_password_reset(client, person.email);
  ASSERT_TRUE(failure_logged("password_reset", true));
  ask_for_password_reset(client, person.email);
  sink().await_messages_to(person.email);
  EXPECT_EQ(sink().attempts_to(person.email), std::make_pair(1, 1)) << "the refused message was not tried again";
}

}  // namespace
}  // namespace emporium::testing
