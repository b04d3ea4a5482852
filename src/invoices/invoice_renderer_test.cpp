#include "invoices/invoice_renderer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "invoices/invoice_fixture.hpp"
#include "invoices/pdf_text.hpp"

namespace emporium::invoices {
namespace {
using testing::pdf_fonts;
using testing::pdf_info;
using testing::pdf_info_field;
using testing::pdf_pages;
using testing::pdf_to_text;
using testing::sample_order;
using testing::sample_store;
using testing::squeeze_spaces;

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

std::string lines_with(const std::string& text, const std::string& part) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    if (line.find(part) != std::string::npos) out += line + "\n";
    start = end + 1;
  }
  return out;
}

TEST(InvoiceRenderer, PrintsEveryPartOfTheInvoice) {
  const auto pdf = render_invoice_pdf(sample_order(3), sample_store());
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const auto text = pdf_to_text(pdf);
  for (const auto* part : {"INVOICE",
                           "INV-2026-000042",
                           "Emporium Test Store",
                           "Hauptstraße 1",
                           "10115 Berlin",
                           "Tax ID: DE123456789",
                           "billing@example.com",
                           "2026-03-01",
                           "2026-02-28",
                           "ord_01JTESTORDER00000000000042",
                           "Bank transfer / cash on delivery",
                           "Bill to",
                           "Ship to",
                           "Charles Babbage",
                           "5 Difference Street",
                           "10117 Berlin",
                           "Ada Lovelace",
                           "Floor 2",
                           "NW1 6XE London",
                           "Greater London",
                           "SKU",
                           "Product",
                           "Qty",
                           "Unit price",
                           "Line total",
                           "Discount (SPRING10)",
                           "Page 1 of 1"})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  for (int i = 1; i <= 3; ++i) {
    const auto row = lines_with(text, "SKU-100" + std::to_string(i));
    EXPECT_NE(row.find("Product number " + std::to_string(i)), std::string::npos) << row;
    EXPECT_NE(squeeze_spaces(row).find(" 2 12.50 EUR 25.00 EUR"), std::string::npos) << row;
  }
  EXPECT_NE(squeeze_spaces(lines_with(text, "Subtotal")).find("Subtotal 75.00 EUR"), std::string::npos) << text;
  EXPECT_NE(squeeze_spaces(lines_with(text, "Discount")).find("-10.00 EUR"), std::string::npos) << text;
  EXPECT_NE(squeeze_spaces(lines_with(text, "Shipping")).find("Shipping 4.99 EUR"), std::string::npos) << text;
  EXPECT_NE(squeeze_spaces(lines_with(text, "Tax ")).find("Tax 12.35 EUR"), std::string::npos) << text;
  EXPECT_NE(squeeze_spaces(text).find("Total 82.34 EUR"), std::string::npos) << text;
}

TEST(InvoiceRenderer, SetsTheDocumentInformation) {
  const auto pdf = render_invoice_pdf(sample_order(2), sample_store());
  EXPECT_EQ(pdf_info_field(pdf, "Title"), "INV-2026-000042");
  EXPECT_EQ(pdf_info_field(pdf, "Creator"), "Emporium Test Store");
  EXPECT_EQ(pdf_info_field(pdf, "Pages"), "1");
  EXPECT_NE(pdf_info_field(pdf, "Page size").find("(A4)"), std::string::npos) << pdf_info(pdf);
  EXPECT_NE(pdf_info_field(pdf, "CreationDate").find("2026"), std::string::npos) << pdf_info(pdf);
}

TEST(InvoiceRenderer, TheSameOrderGivesTheSameBytes) {
  const auto order = sample_order(4);
  EXPECT_EQ(render_invoice_pdf(order, sample_store()), render_invoice_pdf(order, sample_store()));
}

TEST(InvoiceRenderer, PrintsNamesInAnyScript) {
  auto order = sample_order(2);
  order.billing_address.full_name = "Zoë Ça Ğüneş";
  order.shipping_address.full_name = "王小明";
  order.shipping_address.city = "北京市";
  order.lines[0].product_name = "Чай — 绿茶 (green tea)";
  const auto pdf = render_invoice_pdf(order, sample_store());
  const auto text = pdf_to_text(pdf);
  for (const auto* part : {"Zoë Ça Ğüneş", "王小明", "北京市", "Чай — 绿茶 (green tea)"})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  const auto fonts = pdf_fonts(pdf);
  EXPECT_NE(fonts.find("DejaVuSans"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("WenQuanYi"), std::string::npos) << "CJK falls back to WenQuanYi Micro Hei\n" << fonts;
}

TEST(InvoiceRenderer, PrintsMarkupAsText) {
  auto order = sample_order(2);
  order.lines[0].product_name = "Tom & Jerry <script>";
  order.lines[1].product_name = "<b>not bold</b> &amp; 5 < 6";
  order.billing_address.full_name = "O'Brien & Söhne <GmbH>";
  auto store = sample_store();
  store.name = "Tom & Jerry's <Shop>";
  const auto pdf = render_invoice_pdf(order, store);
  const auto text = pdf_to_text(pdf);
  for (const auto* part :
       {"Tom & Jerry <script>", "<b>not bold</b> &amp; 5 < 6", "O'Brien & Söhne <GmbH>", "Tom & Jerry's <Shop>"})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  EXPECT_EQ(pdf_info_field(pdf, "Creator"), "Tom & Jerry's <Shop>");
}

TEST(InvoiceRenderer, LongProductNamesWrapInsideTheirColumn) {
  auto order = sample_order(2);
  // 37 words of 7 letters and a last one: exactly 300 characters.
  std::string name;
  std::vector<std::string> words;
  for (int i = 101; i <= 137; ++i) words.push_back("word" + std::to_string(i));
  words.push_back("tail");
  for (const auto& word : words) name += (name.empty() ? "" : " ") + word;
  ASSERT_EQ(name.size(), 300u);
  order.lines[0].product_name = name;
  const auto text = pdf_to_text(render_invoice_pdf(order, sample_store()));
  for (const auto& word : words) EXPECT_EQ(count_of(text, word), 1u) << word << "\n" << text;
  // Wrapped over several lines of its column, each line holding a few words, and no other column overrun.
  const auto wrapped = lines_with(text, "word1");
  EXPECT_GE(count_of(wrapped, "\n"), 5u) << wrapped;
  EXPECT_NE(squeeze_spaces(lines_with(text, "SKU-1001")).find("2 12.50 EUR 25.00 EUR"), std::string::npos) << text;
  EXPECT_NE(text.find("Product number 2"), std::string::npos);
  EXPECT_NE(squeeze_spaces(text).find("Total "), std::string::npos);
}

TEST(InvoiceRenderer, ManyLinesGoOnSeveralPagesWithTheTotalsOnTheLast) {
  const auto order = sample_order(80);
  const auto pdf = render_invoice_pdf(order, sample_store());
  const auto pages = pdf_pages(pdf);
  ASSERT_GE(pages.size(), 2u) << pdf_to_text(pdf);
  EXPECT_EQ(pdf_info_field(pdf, "Pages"), std::to_string(pages.size()));
  std::string all;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto& page = pages[i];
    const bool last = i + 1 == pages.size();
    EXPECT_NE(page.find("Page " + std::to_string(i + 1) + " of " + std::to_string(pages.size())), std::string::npos)
        << page;
    EXPECT_NE(page.find("INV-2026-000042"), std::string::npos) << page;
    if (page.find("SKU-") != std::string::npos) {
      EXPECT_NE(squeeze_spaces(lines_with(page, "Line total")).find("SKU Product Qty Unit price Line total"),
                std::string::npos)
          << "the header row is repeated on page " << i + 1 << "\n"
          << page;
    }
    EXPECT_EQ(page.find("Subtotal") != std::string::npos, last) << page;
    all += page;
  }
  EXPECT_EQ(pages.front().find("Bill to") != std::string::npos, true);
  EXPECT_EQ(pages.back().find("Bill to"), std::string::npos);
  // Every line exactly once, in order.
  std::size_t previous = 0;
  for (int i = 1; i <= 80; ++i) {
    const auto sku = "SKU-" + std::to_string(1000 + i) + " ";
    EXPECT_EQ(count_of(all, sku), 1u) << sku;
    const auto at = all.find(sku);
    EXPECT_GT(at, previous) << sku;
    previous = at;
  }
  // 80 × 25.00 = 2000.00; − 10.00; tax 19 % of 1990.00 = 378.10; + 4.99.
  EXPECT_NE(squeeze_spaces(pages.back()).find("Total 2373.09 EUR"), std::string::npos) << pages.back();
}

TEST(InvoiceRenderer, CurrenciesKeepTheirDigits) {
  auto order = sample_order(1);
  order.currency = "JPY";
  order.lines[0].unit_price = 1500;
  order.lines[0].line_total = 3000;
  order.subtotal = 3000;
  order.discount = 0;
  order.coupon_code.reset();
  order.shipping = 500;
  order.tax = 300;
  order.total = 3800;
  const auto text = squeeze_spaces(pdf_to_text(render_invoice_pdf(order, sample_store())));
  EXPECT_NE(text.find("2 1500 JPY 3000 JPY"), std::string::npos) << text;
  EXPECT_NE(text.find("Total 3800 JPY"), std::string::npos) << text;
}

// Not an assertion: the numbers for the report (Debug + ASan builds are several times slower than Release).
TEST(InvoiceRenderer, RenderTime) {
  for (const int lines : {5, 80}) {
    const auto order = sample_order(lines);
    render_invoice_pdf(order, sample_store());  // fonts loaded once per thread
    constexpr int kRuns = 10;
    const auto start = std::chrono::steady_clock::now();
    std::size_t bytes = 0;
    for (int i = 0; i < kRuns; ++i) bytes = render_invoice_pdf(order, sample_store()).size();
    const auto each = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start) / kRuns;
    std::cout << "invoice with " << lines << " lines: " << each.count() << " ms, " << bytes << " bytes\n";
    RecordProperty("render_ms_" + std::to_string(lines), std::to_string(each.count()));
  }
}

}  // namespace
}  // namespace emporium::invoices
