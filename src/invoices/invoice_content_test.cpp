#include "invoices/invoice_content.hpp"

#include <gtest/gtest.h>

#include "invoices/invoice_fixture.hpp"

namespace emporium::invoices {
namespace {
using testing::sample_order;
using testing::sample_store;
using Lines = std::vector<std::string>;

TEST(InvoiceContent, AddressBlockHasOnlyTheLinesThatAreThere) {
  const auto order = sample_order();
  EXPECT_EQ(address_lines(order.shipping_address),
            (Lines{"Ada Lovelace", "1 Analytical Way", "Floor 2", "NW1 6XE London", "Greater London", "GB"}));
  EXPECT_EQ(address_lines(order.billing_address),
            (Lines{"Charles Babbage", "5 Difference Street", "10117 Berlin", "DE"}));
  EXPECT_EQ(address_lines({.full_name = "Zoë Ça Ğüneş", .line1 = "Rue 1", .city = "Paris", .country = "FR"}),
            (Lines{"Zoë Ça Ğüneş", "Rue 1", "Paris", "FR"}));
}

TEST(InvoiceContent, StoreLinesSkipWhatIsNotConfigured) {
  EXPECT_EQ(store_lines(sample_store()),
            (Lines{"Hauptstraße 1", "10115 Berlin", "Germany", "Tax ID: DE123456789", "billing@example.com"}));
  EXPECT_EQ(store_lines({.name = "Shop"}), Lines{});
  EXPECT_EQ(store_lines({.name = "Shop", .address = {"", "Main St"}, .email = "a@b.c"}), (Lines{"Main St", "a@b.c"}));
}

TEST(InvoiceContent, FactsUseTheOrdersOwnDates) {
  const auto content = invoice_content(sample_order(), sample_store());
  ASSERT_EQ(content.facts.size(), 6u);
  EXPECT_EQ(content.facts[0].value, "INV-2026-000042");
  EXPECT_EQ(content.facts[1].label, "Invoice date");
  EXPECT_EQ(content.facts[1].value, "2026-03-01");
  EXPECT_EQ(content.facts[2].value, "2026-02-28");
  EXPECT_EQ(content.facts[3].value, "ord_01JTESTORDER00000000000042");
  EXPECT_EQ(content.facts[4].value, "Bank transfer / cash on delivery");
  EXPECT_EQ(content.facts[5].value, "EUR");
  EXPECT_EQ(content.issued_at, "2026-03-01T12:00:00Z");
  EXPECT_EQ(content.invoice_number, "INV-2026-000042");
}

TEST(InvoiceContent, RowsCarryFormattedAmountsAndOptions) {
  auto order = sample_order(1);
  order.lines[0].options = {{"size", "M"}, {"color", "red"}};
  const auto content = invoice_content(order, sample_store());
  ASSERT_EQ(content.rows.size(), 1u);
  const auto& row = content.rows[0];
  EXPECT_EQ(row.sku, "SKU-1001");
  EXPECT_EQ(row.name, "Product number 1");
  EXPECT_EQ(row.options, "color: red, size: M");
  EXPECT_EQ(row.quantity, "2");
  EXPECT_EQ(row.unit_price, "12.50 EUR");
  EXPECT_EQ(row.line_total, "25.00 EUR");
}

TEST(InvoiceContent, TotalsNameTheCouponAndEndWithTheTotal) {
  const auto order = sample_order(3);  // subtotal 75.00, discount 10.00, tax 12.35, shipping 4.99
  const auto content = invoice_content(order, sample_store());
  ASSERT_EQ(content.totals.size(), 5u);
  EXPECT_EQ(content.totals[0].value, "75.00 EUR");
  EXPECT_EQ(content.totals[1].label, "Discount (SPRING10)");
  EXPECT_EQ(content.totals[1].value, "-10.00 EUR");
  EXPECT_EQ(content.totals[2].value, "4.99 EUR");
  EXPECT_EQ(content.totals[3].value, "12.35 EUR");
  EXPECT_EQ(content.totals[4].label, "Total");
  EXPECT_EQ(content.totals[4].value, "82.34 EUR");
}

TEST(InvoiceContent, NoDiscountLineWithoutADiscount) {
  auto order = sample_order(1);
  order.discount = 0;
  order.coupon_id.reset();
  order.coupon_code.reset();
  const auto content = invoice_content(order, sample_store());
  Lines labels;
  for (const auto& total : content.totals) labels.push_back(total.label);
  EXPECT_EQ(labels, (Lines{"Subtotal", "Shipping", "Tax", "Total"}));
}

TEST(InvoiceContent, PaymentMethodsReadAsWords) {
  EXPECT_EQ(payment_method_label("stripe"), "Card (Stripe)");
  EXPECT_EQ(payment_method_label("paypal"), "PayPal");
  EXPECT_EQ(payment_method_label("manual"), "Bank transfer / cash on delivery");
  EXPECT_EQ(payment_method_label("other"), "other");
}

}  // namespace
}  // namespace emporium::invoices
