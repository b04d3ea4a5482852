// Mail survives outages and crashes: an SMTP server that is down when the event happens gets the message once
// it is back; a server killed (SIGKILL) after the event was recorded but before the mail went out — before
// the event was even dispatched, or while its mail waited for SMTP — leaves it to the next server on the
// same data, which sends it exactly once. Without SMTP, messages are .eml files in <data dir>/outbox.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <regex>

#include "eventually.hpp"
#include "mail_suite.hpp"

namespace emporium::testing {
namespace {
using namespace std::chrono_literals;

// Retries every ~200 ms for a while: long enough to outlast the outages these tests make.
const EnvVars kPatientRetries{{"EMPORIUM_MAIL_RETRY_SCHEDULE",
                               "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,"
                               "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms"}};

struct Shop {
  Account admin;
  Account vendor;
  Account customer;
  StockedVariant variant;
};

Shop open_shop(const ServerProcess& server) {
  auto client = server.client();
  const auto cast = make_cast(server, client);
  return {.admin = cast.admin,
          .vendor = cast.vendor,
          .customer = cast.customer,
          .variant = stocked_product(client, cast.vendor, 20)};
}

bool retry_logged(const ServerProcess& server) {
  return server.wait_for_log(log_message_is("mail not sent, will retry"), 10s).has_value();
}

void kill(ServerProcess& server) {
  server.signal(SIGKILL);
  ASSERT_TRUE(server.wait_for_exit(10s).has_value());
}

EnvVars joined(EnvVars first, const EnvVars& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

TEST(MailRecovery, AMessageForAnSmtpServerThatIsDownArrivesOnceItIsBack) {
  SmtpSink sink;
  ServerProcess server(mail_config(sink.smtp_url(), kPatientRetries));
  auto client = server.client();
  const auto person = register_account(client, unique_email("outage"));
  sink.set_up(false);
  ask_for_password_reset(client, person.email);
  ASSERT_TRUE(retry_logged(server)) << server.output();
  sink.set_up(true);
  EXPECT_EQ(sink.await_messages_to(person.email).at(0).subject, "Reset your password");
  EXPECT_EQ(sink.attempts_to(person.email), std::make_pair(1, 0));
}

TEST(MailRecovery, AnEventRecordedButNotDispatchedBeforeACrashIsMailedOnceAfterTheRestart) {
  SmtpSink sink;
  // The first server dispatches no events within this test (its first dispatch is ten minutes away).
  ServerProcess first(mail_config(sink.smtp_url(), {{"EMPORIUM_EVENTS_INTERVAL_MS", "600000"}}));
  const auto shop = open_shop(first);
  auto client = first.client();
  const auto order = placed_order(client, shop.customer, order_body({item(shop.variant, 1)}));
  kill(first);
  EXPECT_TRUE(sink.messages_to(shop.customer.email).empty());

  ServerProcess second(joined(mail_config(sink.smtp_url()), first.sandbox().env()));
  const auto mails = sink.await_messages_to(shop.customer.email);
  EXPECT_EQ(mails[0].subject, "Your order " + str(order.at("id")) + " at " + std::string(kMailStoreName));
  auto second_client = second.client();
  ask_for_password_reset(second_client, shop.customer.email);  // a later message, as a barrier
  sink.await_messages_to(shop.customer.email, 2);
  EXPECT_EQ(sink.attempts_to(shop.customer.email), std::make_pair(2, 0)) << "the order mail went out once";
}

TEST(MailRecovery, AMailWaitingForSmtpWhenTheServerIsKilledIsSentOnceAfterTheRestart) {
  SmtpSink sink;
  ServerProcess first(mail_config(sink.smtp_url(), kPatientRetries));
  const auto shop = open_shop(first);
  sink.set_up(false);
  auto client = first.client();
  const auto order = placed_order(client, shop.customer, order_body({item(shop.variant, 1)}));
  ASSERT_TRUE(retry_logged(first)) << first.output();
  kill(first);
  sink.set_up(true);

  ServerProcess second(joined(mail_config(sink.smtp_url(), kPatientRetries), first.sandbox().env()));
  EXPECT_EQ(sink.await_messages_to(shop.customer.email).at(0).subject,
            "Your order " + str(order.at("id")) + " at " + std::string(kMailStoreName));
  auto second_client = second.client();
  ask_for_password_reset(second_client, shop.customer.email);
  sink.await_messages_to(shop.customer.email, 2);
  EXPECT_EQ(sink.attempts_to(shop.customer.email), std::make_pair(2, 0));
}

TEST(MailRecovery, WithoutSmtpMessagesAreEmlFilesInTheOutbox) {
  SmtpSink parser;  // only its MIME parser is used
  ServerProcess server(mail_config(""));
  const auto shop = open_shop(server);
  auto client = server.client();
  const auto order = placed_order(client, shop.customer, order_body({item(shop.variant, 3)}));
  const auto subject = "Your order " + str(order.at("id")) + " at " + std::string(kMailStoreName);
  std::optional<ReceivedMail> found;
  const bool arrived = eventually(
      [&] {
        for (const auto& raw : outbox_messages(server.sandbox().data_dir())) {
          auto mail = parser.parse(raw);
          if (mail.subject == subject) found = std::move(mail);
        }
        return found.has_value();
      },
      10s, 50ms);
  ASSERT_TRUE(arrived) << server.output();
  EXPECT_EQ(found->to_address, shop.customer.email);
  EXPECT_EQ(found->content_type, "multipart/alternative");
  EXPECT_TRUE(found->defects.empty());
  EXPECT_NE(found->body("text/plain").find("Total: " + money(order.at("total").as_int64())), std::string::npos);
  EXPECT_NE(found->body("text/html").find("Thank you for your order"), std::string::npos);
  const auto lines = std::count(found->raw.begin(), found->raw.end(), '\n');
  EXPECT_EQ(std::regex_replace(found->raw, std::regex("\r\n"), "").find('\n'), std::string::npos) << "CRLF only";
  EXPECT_GT(lines, 20);
  EXPECT_TRUE(parser.messages().empty()) << "nothing went through SMTP";
}

}  // namespace
}  // namespace emporium::testing
