#pragma once
// One server per mail suite, mailing through an SMTP sink on loopback that the suite starts first, with the
// orders suites' cast (admin, two vendors, customers). Tests mail people of their own (new customers and
// vendors), so that what other tests sent never shows up in their mailbox.

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "mail_api.hpp"
#include "orders_suite.hpp"

namespace emporium::testing {

template <class Suite>
class MailSuite : public OrdersSuite<Suite> {
 public:
  static void SetUpTestSuite() {
    sink_ = std::make_unique<SmtpSink>();
    OrdersSuite<Suite>::SetUpTestSuite();
  }
  static void TearDownTestSuite() {
    OrdersSuite<Suite>::TearDownTestSuite();
    sink_.reset();
  }
  static EnvVars config() { return mail_config(sink().smtp_url()); }

 protected:
  static SmtpSink& sink() {
    if (!sink_) throw std::runtime_error("the suite's SMTP sink did not start");
    return *sink_;
  }
  // A new customer with this display name, order updates on (the default).
  static Account customer_named(const std::string& name) {
    auto client = SharedServerTest<Suite>::client();
    return register_account(client, unique_email("mail"), kPassword, name);
  }

 private:
  static inline std::unique_ptr<SmtpSink> sink_;
};

// "12.50 USD": how the mails write amounts of a two-digit currency.
inline std::string money(std::int64_t cents, const std::string& currency = "USD") {
  char text[64];
  std::snprintf(text, sizeof text, "%lld.%02lld %s", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100), currency.c_str());
  return text;
}

// POST /api/auth/password/forgot: a mail that has nothing to do with orders.
inline void ask_for_password_reset(HttpClient& client, const std::string& email) {
  const auto response = send_json(client, "POST", "/api/auth/password/forgot", boost::json::object{{"email", email}});
  if (response.status != 202) throw_failed("asking for a password reset for " + email, response);
}

}  // namespace emporium::testing
