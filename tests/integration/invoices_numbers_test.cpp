// Invoice numbers: INV-<year>-<six digits>, consecutive from 000001 in the order orders are paid, with no gaps
// and no duplicates when admins pay orders at the same time, and no number used up by a payment that was
// refused. Its own server: a fresh database, so the numbers start at 000001.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

#include "invoices_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class InvoiceNumbers : public InvoicesSuite<InvoiceNumbers> {
 protected:
  // "INV-2026-000042" for the year the order was paid (UTC).
  static std::string expected_number(const json::object& order, int sequence) {
    char text[32];
    std::snprintf(text, sizeof text, "INV-%s-%06d", str(order.at("paidAt")).substr(0, 4).c_str(), sequence);
    return text;
  }
  static std::vector<std::string> place_orders(HttpClient& client, int count) {
    const auto product = stocked_product(client, vendor(), count, 500);
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i)
      ids.push_back(str(placed_order(client, customer(), order_body({item(product, 1)})).at("id")));
    return ids;
  }
  static std::string number_of(HttpClient& client, const std::string& id) {
    return str(order_json(client, admin(), id).at("invoiceNumber"));
  }
};

TEST_F(InvoiceNumbers, AreConsecutiveWithoutGapsWhateverTheConcurrency) {
  auto client = this->client();
  int next = 1;

  // One after the other: 000001, 000002, 000003, and each invoice carries its number.
  for (const auto& id : place_orders(client, 3)) {
    const auto paid = moved_to(client, admin(), id, "paid");
    EXPECT_EQ(str(paid.at("invoiceNumber")), expected_number(paid, next++));
    EXPECT_NE(pdf_to_text(invoice_pdf(client, customer(), id)).find(str(paid.at("invoiceNumber"))), std::string::npos);
  }

  // Paying a paid order again is refused and uses up no number.
  const auto again = place_orders(client, 2);
  const auto first = moved_to(client, admin(), again[0], "paid");
  EXPECT_EQ(str(first.at("invoiceNumber")), expected_number(first, next++));
  EXPECT_TRUE(is_problem(set_status(client, admin(), again[0], {{"status", "paid"}}), 409, "invalid_transition"));
  EXPECT_EQ(number_of(client, again[0]), str(first.at("invoiceNumber")));
  const auto second = moved_to(client, admin(), again[1], "paid");
  EXPECT_EQ(str(second.at("invoiceNumber")), expected_number(second, next++)) << "no number was used up";

  // Two admins pay eight orders at once, each order twice: every order is paid once, and the eight numbers are
  // exactly the next eight.
  const auto second_admin = promoted_account(client, admin(), "admin");
  const auto ids = place_orders(client, 8);
  const auto responses = at_once(16, [&](HttpClient& c, int i) {
    const auto& actor = i % 2 == 0 ? admin() : second_admin;
    return set_status(c, actor, ids[static_cast<std::size_t>(i / 2)], {{"status", "paid"}});
  });
  EXPECT_EQ(count_status(responses, 200), 8) << statuses(responses);
  EXPECT_EQ(count_status(responses, 409), 8) << statuses(responses);
  std::set<std::string> numbers;
  for (const auto& id : ids) numbers.insert(number_of(client, id));
  std::set<std::string> wanted;
  const auto sample = order_json(client, admin(), ids.front());
  for (int i = 0; i < 8; ++i) wanted.insert(expected_number(sample, next++));
  EXPECT_EQ(numbers, wanted);

  // And the sequence goes on from there.
  const auto last = moved_to(client, admin(), place_orders(client, 1).front(), "paid");
  EXPECT_EQ(str(last.at("invoiceNumber")), expected_number(last, next++));

  // The server rendered invoices on its CPU pool and still shuts down cleanly (in sanitizer builds: without a
  // leak report from the font libraries).
  EXPECT_EQ(server().stop(), 0) << server().output();
  EXPECT_EQ(server().output().find("LeakSanitizer"), std::string::npos) << server().output();
}

}  // namespace
}  // namespace emporium::testing
