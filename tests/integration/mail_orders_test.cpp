// Order and stock mails end to end: the real server plans them from its events and sends them through SMTP
// (with AUTH) to a sink on loopback, whose Python email parser reads them back: headers, encoded words, both
// MIME parts, the amounts; shipped mails carry the tracking number; a customer who turned order updates off
// gets none (but still gets a password reset); vendors hear of low stock; a product named <script> is text.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <regex>

#include "inventory_api.hpp"
#include "mail_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class OrderMail : public MailSuite<OrderMail> {
 protected:
  // An order of `quantity` of a new product of vendor(), placed by `buyer`.
  static json::object order_for(const Account& buyer, std::int64_t quantity = 2, std::int64_t price = 1250) {
    auto client = OrderMail::client();
    const auto variant = stocked_product(client, vendor(), 50, price);
    return placed_order(client, buyer, order_body({item(variant, quantity)}));
  }
  static const ReceivedMail& with_subject(const std::vector<ReceivedMail>& mails, const std::string& subject) {
    for (const auto& mail : mails)
      if (mail.subject == subject) return mail;
    throw std::runtime_error("no mail with subject \"" + subject + "\"");
  }
};

TEST_F(OrderMail, PlacingAnOrderMailsTheCustomerAWellFormedMessage) {
  const auto buyer = customer_named("Zoë Ünïcode");
  const auto order = order_for(buyer);
  const auto id = str(order.at("id"));
  const auto mail = sink().await_messages_to(buyer.email).at(0);

  EXPECT_EQ(mail.mail_from, "orders@shop.example");
  EXPECT_EQ(mail.auth_user, "mailer") << "the URL's credentials were used for AUTH";
  EXPECT_EQ(mail.subject, "Your order " + id + " at " + std::string(kMailStoreName));
  EXPECT_EQ(mail.from, "Tea & Biscuits <orders@shop.example>");
  EXPECT_EQ(mail.to_name, "Zoë Ünïcode");
  EXPECT_EQ(mail.to_address, buyer.email);
  EXPECT_NE(mail.raw.find("\r\nTo: =?UTF-8?B?"), std::string::npos) << "the name travels as an encoded word";
  EXPECT_NE(mail.raw.find("\r\nSubject: =?UTF-8?B?"), std::string::npos) << "so does the subject";
  EXPECT_TRUE(std::regex_match(mail.message_id, std::regex("<msg_[0-9A-Z]{26}@shop\\.example>"))) << mail.message_id;
  EXPECT_TRUE(std::regex_match(mail.date,
                               std::regex("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000")))
      << mail.date;
  EXPECT_EQ(mail.mime_version, "1.0");
  EXPECT_EQ(mail.content_type, "multipart/alternative");
  EXPECT_TRUE(mail.defects.empty()) << mail.defects.front();
  ASSERT_EQ(mail.parts.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(mail.parts[i].content_type, i == 0 ? "text/plain" : "text/html");
    EXPECT_EQ(mail.parts[i].charset, "utf-8");
    EXPECT_EQ(mail.parts[i].transfer_encoding, "quoted-printable");
  }
  const auto& text = mail.body("text/plain");
  const auto& item = order.at("items").at(0).as_object();
  for (const auto& expected : std::vector<std::string>{
           "Hello Zoë Ünïcode,", "- 2 x " + str(item.at("name")) + ", SKU " + str(item.at("sku")) + ": " + money(2500),
           "Subtotal: " + money(order.at("subtotal").as_int64()), "Shipping: " + money(order.at("shipping").as_int64()),
           "Tax: " + money(order.at("tax").as_int64()), "Total: " + money(order.at("total").as_int64()),
           "1 Analytical Way"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  EXPECT_NE(mail.body("text/html").find("<strong>" + money(order.at("total").as_int64()) + "</strong>"),
            std::string::npos);
}

TEST_F(OrderMail, PayingShippingAndCancellingMailTheCustomer) {
  auto client = this->client();
  const auto buyer = customer_named("Ada");
  const auto shipped_id = str(order_for(buyer).at("id"));
  const auto paid = moved_to(client, admin(), shipped_id, "paid");
  const auto shipped =
      set_status(client, vendor(), shipped_id,
                 {{"status", "shipped"}, {"carrier", "UPS"}, {"trackingNumber", "1Z999AA10123456784"}});
  ASSERT_EQ(shipped.status, 200) << shipped.describe();
  ASSERT_EQ(str(shipped.json_object().at("status")), "shipped");
  const auto cancelled_id = str(order_for(buyer).at("id"));
  ASSERT_EQ(cancel_order(client, buyer, cancelled_id).status, 200);

  const auto mails = sink().await_messages_to(buyer.email, 5);
  const auto& paid_mail = with_subject(mails, "Payment received for order " + shipped_id);
  EXPECT_NE(paid_mail.body("text/plain").find("payment of " + money(paid.at("total").as_int64())), std::string::npos);
  EXPECT_NE(paid_mail.body("text/plain").find("invoice number is " + str(paid.at("invoiceNumber"))), std::string::npos)
      << paid_mail.body("text/plain");
  const auto& shipped_mail = with_subject(mails, "Your order " + shipped_id + " has shipped");
  EXPECT_NE(shipped_mail.body("text/plain").find("Carrier: UPS"), std::string::npos);
  EXPECT_NE(shipped_mail.body("text/plain").find("Tracking number: 1Z999AA10123456784"), std::string::npos);
  EXPECT_NE(shipped_mail.body("text/html").find("<strong>1Z999AA10123456784</strong>"), std::string::npos);
  const auto& cancelled_mail = with_subject(mails, "Your order " + cancelled_id + " was cancelled");
  EXPECT_NE(cancelled_mail.body("text/plain").find("you cancelled it"), std::string::npos);
  EXPECT_EQ(sink().messages_to(buyer.email).size(), 5u) << "placed twice, paid, shipped, cancelled: nothing else";
}

TEST_F(OrderMail, NoOrderMailForACustomerWhoTurnedOrderUpdatesOffButAPasswordResetStill) {
  auto client = this->client();
  const auto quiet = customer_named("Quiet Customer");
  const auto off = send_json(client, "PATCH", "/api/users/me",
                             json::object{{"preferences", {{"emailOrderUpdates", false}}}}, bearer(quiet.access_token));
  ASSERT_EQ(off.status, 200) << off.describe();
  const auto id = str(order_for(quiet).at("id"));
  moved_to(client, admin(), id, "paid");
  ask_for_password_reset(client, quiet.email);

  // A later order of someone else, mailed: the events before it were planned (and would have been sent) by then.
  const auto witness = customer_named("Witness");
  moved_to(client, admin(), str(order_for(witness).at("id")), "paid");
  sink().await_messages_to(witness.email, 2);
  const auto mails = sink().await_messages_to(quiet.email, 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].subject, "Reset your password");
  EXPECT_NE(mails[0].body("text/plain").find("Your reset code (valid for one hour, once):\n"), std::string::npos);
}

TEST_F(OrderMail, LowStockMailsTheVendorWhoOwnsTheProduct) {
  auto client = this->client();
  const auto seller = new_vendor(client, admin());
  const auto sku = unique_sku("LOW");
  auto body = with(with(product_body(sku, 1000, "Oolong <b>Tea</b>"), "stock", 10), "lowStockThreshold", 3);
  const auto product = create_product(client, seller, body);
  const auto variant_id = str(product.at("variants").at(0).at("id"));
  ASSERT_EQ(change_stock(client, seller, str(product.at("id")), variant_id, stock_delta(-8)).status, 201);

  const auto mail = sink().await_messages_to(seller.email).at(0);
  EXPECT_EQ(mail.subject, "Low stock: Oolong <b>Tea</b> (" + sku + ")");
  EXPECT_NE(mail.body("text/plain").find("2 left, at or under your threshold of 3"), std::string::npos)
      << mail.body("text/plain");
  EXPECT_NE(mail.body("text/html").find("Oolong &lt;b&gt;Tea&lt;/b&gt;"), std::string::npos);
  for (const auto& other : sink().messages_to(other_vendor().email))
    EXPECT_EQ(other.subject.find(sku), std::string::npos);
}

TEST_F(OrderMail, AProductNamedScriptArrivesAsTextInTheHtmlPart) {
  auto client = this->client();
  const auto buyer = customer_named("Mallory's Friend");
  auto body = with(product_body(unique_sku("XSS"), 700, "<script>alert(1)</script>"), "stock", 5);
  const auto product = create_product(client, vendor(), body);
  placed_order(
      client, buyer,
      order_body(
          {{{"productId", product.at("id")}, {"variantId", product.at("variants").at(0).at("id")}, {"quantity", 1}}}));
  const auto mail = sink().await_messages_to(buyer.email).at(0);
  const auto& html = mail.body("text/html");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Mallory&#39;s Friend"), std::string::npos);
  EXPECT_NE(mail.body("text/plain").find("1 x <script>alert(1)</script>"), std::string::npos);
}

}  // namespace
}  // namespace emporium::testing
