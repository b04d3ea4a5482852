// What the invoice PDF says, read back with pdftotext: every number exactly as the order JSON has it, the
// store details from configuration, names in any script and with markup characters, long names wrapped, many
// lines over several pages, and the same document however the order moves on after payment.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "cart_api.hpp"
#include "invoices_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

class InvoiceContent : public InvoicesSuite<InvoiceContent> {
 protected:
  // An active product of `seller` named `name`, holding 50 at `price`.
  static StockedVariant named_product(HttpClient& client, const Account& seller, const std::string& name,
                                      std::int64_t price) {
    const auto product =
        create_product(client, seller, with(product_body(unique_sku("INV"), price, name), "stock", 50));
    return {.product_id = str(product.at("id")),
            .variant_id = str(product.at("variants").at(0).at("id")),
            .vendor_id = seller.id,
            .price = price};
  }
  // An amount of the order (or of one of its lines) as the invoice prints it, in the order's currency.
  static std::string money(const json::object& order, const char* field) { return money(order, order, field); }
  static std::string money(const json::object& order, const json::object& part, const char* field) {
    return printed_money(part.at(field).to_number<std::int64_t>(), str(order.at("currency")));
  }
  // True when some line of the text holds all of `parts`, in this order.
  static ::testing::AssertionResult has_line(const std::string& text, const std::vector<std::string>& parts) {
    for (const auto& line : squeezed_lines_with(text, parts.front())) {
      std::size_t at = 0;
      bool all = true;
      for (const auto& part : parts) {
        at = line.find(part, at);
        if (at == std::string::npos) {
          all = false;
          break;
        }
        at += part.size();
      }
      if (all) return ::testing::AssertionSuccess();
    }
    std::string wanted;
    for (const auto& part : parts) wanted += "[" + part + "] ";
    return ::testing::AssertionFailure() << "no line with " << wanted << "in\n" << text;
  }
};

TEST_F(InvoiceContent, APaidOrdersInvoiceSaysWhatTheOrderSays) {
  auto client = this->client();
  const auto a = named_product(client, vendor(), "Tom & Jerry <script>", 1999);
  const auto b = named_product(client, other_vendor(), "Grüner Tee 绿茶", 250);
  auto body = order_body({item(a, 2), item(b, 3)});
  body["shippingAddress"] = json::object{{"fullName", "王小明"},
                                         {"line1", "1 Chang'an Ave"},
                                         {"city", "北京"},
                                         {"postalCode", "100000"},
                                         {"country", "CN"}};
  body["billingAddress"] = json::object{{"fullName", "Zoë Ça Ğüneş"},
                                        {"line1", "Rue de l'Église 3"},
                                        {"city", "Paris"},
                                        {"postalCode", "75001"},
                                        {"country", "FR"}};
  const auto order = paid_order(client, customer(), body);
  const auto id = str(order.at("id"));
  const auto number = str(order.at("invoiceNumber"));

  const auto response = get_invoice(client, &customer(), id);
  ASSERT_EQ(response.status, 200) << response.describe();
  EXPECT_EQ(response.header("Content-Type"), "application/pdf");
  EXPECT_EQ(response.header("Content-Disposition"), "inline; filename=\"" + number + ".pdf\"");
  EXPECT_EQ(response.header("Cache-Control"), "private, no-store");
  ASSERT_TRUE(response.body.starts_with("%PDF-"));
  const auto text = pdf_to_text(response.body);

  for (const auto& part : {number, id, std::string(kStoreName), std::string("Tax ID: ") + kStoreTaxId,
                           std::string(kStoreEmail), std::string("Bank transfer / cash on delivery"),
                           str(order.at("paidAt")).substr(0, 10), str(order.at("createdAt")).substr(0, 10),
                           std::string("王小明"), std::string("北京"), std::string("Zoë Ça Ğüneş"),
                           std::string("Rue de l'Église 3"), std::string("75001 Paris"), std::string("Page 1 of 1")})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  for (const auto& line : kStoreAddress) EXPECT_NE(text.find(line), std::string::npos) << line;
  for (const auto& line : order.at("items").as_array()) {
    const auto& row = line.as_object();
    EXPECT_TRUE(has_line(text, {str(row.at("sku")), str(row.at("name")), str(row.at("quantity")),
                                money(order, row, "unitPrice") + " " + money(order, row, "lineTotal")}));
  }
  EXPECT_TRUE(has_line(text, {"Subtotal", money(order, "subtotal")}));
  EXPECT_TRUE(has_line(text, {"Shipping", money(order, "shipping")}));
  EXPECT_TRUE(has_line(text, {"Tax", money(order, "tax")}));
  EXPECT_TRUE(has_line(text, {"Total", money(order, "total")}));
  EXPECT_EQ(text.find("Discount"), std::string::npos) << "no coupon, no discount line";
  EXPECT_EQ(pdf_info_field(response.body, "Title"), number);
  EXPECT_EQ(pdf_info_field(response.body, "Creator"), kStoreName);
}

TEST_F(InvoiceContent, ACouponShowsAsADiscountWithItsCode) {
  auto client = this->client();
  const auto code = unique_code("INV");
  create_coupon(client, admin(), coupon_body(code, "fixed", 700));
  const auto product = stocked_product(client, vendor(), 10, 4500);
  auto body = order_body({item(product, 2)});
  body["couponCode"] = code;
  const auto order = paid_order(client, customer(), body);
  ASSERT_EQ(order.at("discount").to_number<std::int64_t>(), 700) << json::serialize(order);
  const auto text = pdf_to_text(invoice_pdf(client, customer(), str(order.at("id"))));
  EXPECT_TRUE(has_line(text, {"Discount (" + str(order.at("coupon").at("code")) + ")", "-7.00 USD"}));
  EXPECT_TRUE(has_line(text, {"Subtotal", money(order, "subtotal")}));
  EXPECT_TRUE(has_line(text, {"Total", money(order, "total")}));
}

TEST_F(InvoiceContent, LongProductNamesWrapWithEveryWordKept) {
  auto client = this->client();
  std::vector<std::string> words;
  std::string name;
  for (int i = 10; name.size() + 8 <= 200; ++i) {
    words.push_back("wrapword" + std::to_string(i));
    name += (name.empty() ? "" : " ") + words.back();
  }
  const auto product = named_product(client, vendor(), name, 1234);
  const auto order = paid_order(client, customer(), order_body({item(product, 1)}));
  const auto text = pdf_to_text(invoice_pdf(client, customer(), str(order.at("id"))));
  for (const auto& word : words) EXPECT_NE(text.find(word), std::string::npos) << word << "\n" << text;
  EXPECT_GE(squeezed_lines_with(text, "wrapword").size(), 4u) << "wrapped inside its column\n" << text;
  EXPECT_TRUE(has_line(text, {words.front(), "1", "12.34 USD 12.34 USD"}));
}

TEST_F(InvoiceContent, ManyLinesGoOnSeveralPagesWithTheTotalsOnTheLast) {
  auto client = this->client();
  const auto variants = stocked_variants(client, vendor(), 40, 5, 199);
  std::vector<json::object> items;
  for (const auto& variant : variants) items.push_back(item(variant, 1));
  const auto order = paid_order(client, customer(), order_body(items));
  const auto pdf = invoice_pdf(client, customer(), str(order.at("id")));
  const auto pages = pdf_pages(pdf);
  ASSERT_GE(pages.size(), 2u) << pdf_to_text(pdf);
  EXPECT_EQ(pdf_info_field(pdf, "Pages"), std::to_string(pages.size()));
  std::string all;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto page_label = "Page " + std::to_string(i + 1) + " of " + std::to_string(pages.size());
    EXPECT_NE(pages[i].find(page_label), std::string::npos) << pages[i];
    EXPECT_EQ(pages[i].find("Subtotal") != std::string::npos, i + 1 == pages.size()) << pages[i];
    if (pages[i].find("VAR-") != std::string::npos) {
      EXPECT_TRUE(has_line(pages[i], {"SKU", "Product", "Qty", "Unit price", "Line total"})) << "page " << i + 1;
    }
    all += pages[i];
  }
  for (const auto& line : order.at("items").as_array()) {
    const auto sku = str(line.at("sku"));
    EXPECT_EQ(squeezed_lines_with(all, sku + " ").size(), 1u) << sku;
  }
  EXPECT_TRUE(has_line(pages.back(), {"Total", money(order, "total")}));
}

TEST_F(InvoiceContent, TheInvoiceStaysTheSameAsTheOrderMovesOn) {
  auto client = this->client();
  const auto product = stocked_product(client, vendor(), 10, 800);
  const auto order = paid_order(client, customer(), order_body({item(product, 1)}));
  const auto id = str(order.at("id"));
  const auto first = invoice_pdf(client, customer(), id);
  for (const auto* status : {"processing", "shipped", "delivered"}) {
    moved_to(client, admin(), id, status);
    EXPECT_EQ(invoice_pdf(client, customer(), id), first) << status;
  }
  EXPECT_EQ(invoice_pdf(client, admin(), id), first) << "an admin gets the customer's document";
}

TEST_F(InvoiceContent, AnOrderCancelledAfterPaymentKeepsItsInvoice) {
  auto client = this->client();
  const auto product = stocked_product(client, vendor(), 10, 800);
  const auto order = paid_order(client, customer(), order_body({item(product, 1)}));
  const auto id = str(order.at("id"));
  const auto before = invoice_pdf(client, customer(), id);
  const auto cancelled = moved_to(client, admin(), id, "cancelled");
  ASSERT_EQ(str(cancelled.at("status")), "cancelled");
  EXPECT_EQ(str(cancelled.at("invoiceNumber")), str(order.at("invoiceNumber")));
  EXPECT_EQ(invoice_pdf(client, customer(), id), before);
}

}  // namespace
}  // namespace emporium::testing
