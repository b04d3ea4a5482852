#include "invoices/invoice_blocks.hpp"

#include <algorithm>

#include "invoices/invoice_layout.hpp"

namespace emporium::invoices {
namespace {
using namespace layout;

// The facts column on the right of the first page: labels, then values (order ids are long).
constexpr double kFactsWidth = 270, kFactLabelWidth = 80;
constexpr double kFactsLeft = kRight - kFactsWidth;
constexpr double kSellerWidth = kContentWidth - kFactsWidth - 16;
constexpr double kTotalsWidth = 260, kTotalsValueWidth = 110;

double put(PdfCanvas& canvas, Pass pass, double x, double y, std::string_view text, const TextStyle& style) {
  return pass == Pass::Draw ? canvas.draw_text(x, y, text, style) : canvas.text_height(text, style);
}

TextStyle sized(TextStyle style, double width, Align align = Align::Left) {
  style.width = width;
  style.align = align;
  return style;
}

double seller(PdfCanvas& canvas, const InvoiceContent& content, Pass pass) {
  double y = kTop;
  y += put(canvas, pass, kLeft, y, content.store_name, {.size = 15, .bold = true, .width = kSellerWidth});
  y += 2;
  for (const auto& line : content.store_lines) y += put(canvas, pass, kLeft, y, line, sized(kBody, kSellerWidth));
  return y;
}

double facts(PdfCanvas& canvas, const InvoiceContent& content, Pass pass) {
  double y = kTop;
  y += put(canvas, pass, kFactsLeft, y, "INVOICE",
           {.size = 20, .bold = true, .align = Align::Right, .width = kFactsWidth});
  y += 6;
  for (const auto& fact : content.facts) {
    const double label = put(canvas, pass, kFactsLeft, y, fact.label, sized(kSmall, kFactLabelWidth));
    const double value = put(canvas, pass, kFactsLeft + kFactLabelWidth, y, fact.value,
                             sized(kBody, kFactsWidth - kFactLabelWidth, Align::Right));
    y += std::max(label, value) + 1;
  }
  return y;
}

double address_block(PdfCanvas& canvas, Pass pass, double x, double y, const char* title,
                     const std::vector<std::string>& lines) {
  const double width = kContentWidth / 2 - 12;
  y += put(canvas, pass, x, y, title, sized(kBold, width));
  y += 2;
  for (const auto& line : lines) y += put(canvas, pass, x, y, line, sized(kBody, width));
  return y;
}
}  // namespace

double first_page_header(PdfCanvas& canvas, const InvoiceContent& content, Pass pass) {
  const double top = std::max(seller(canvas, content, pass), facts(canvas, content, pass)) + kBlockGap;
  const double bill = address_block(canvas, pass, kLeft, top, "Bill to", content.bill_to);
  const double ship = address_block(canvas, pass, kLeft + kContentWidth / 2, top, "Ship to", content.ship_to);
  return std::max(bill, ship) + kBlockGap;
}

double continuation_header(PdfCanvas& canvas, const InvoiceContent& content, Pass pass) {
  const TextStyle name{.size = 11, .bold = true, .width = kSellerWidth};
  const double left = put(canvas, pass, kLeft, kTop, content.store_name, name);
  const double right = put(canvas, pass, kFactsLeft, kTop, "Invoice " + content.invoice_number + " (continued)",
                           sized(kBody, kFactsWidth, Align::Right));
  const double y = kTop + std::max(left, right) + 4;
  if (pass == Pass::Draw) canvas.horizontal_rule(kLeft, kRight, y);
  return y + kBlockGap / 2;
}

double totals_block(PdfCanvas& canvas, const InvoiceContent& content, double y, Pass pass) {
  const double left = kRight - kTotalsWidth;
  const double label_width = kTotalsWidth - kTotalsValueWidth;
  y += 8;
  for (std::size_t i = 0; i < content.totals.size(); ++i) {
    const bool grand = i + 1 == content.totals.size();
    if (grand) {
      y += 3;
      if (pass == Pass::Draw) canvas.horizontal_rule(left, kRight, y, 0.8);
      y += 4;
    }
    const auto style = grand ? TextStyle{.size = 11, .bold = true} : kBody;
    const auto& [label, value] = content.totals[i];
    const double a = put(canvas, pass, left, y, label, sized(style, label_width - 8, Align::Right));
    const double b = put(canvas, pass, left + label_width, y, value, sized(style, kTotalsValueWidth, Align::Right));
    y += std::max(a, b) + 2;
  }
  return y;
}

void draw_footer(PdfCanvas& canvas, const InvoiceContent& content, std::size_t page, std::size_t pages) {
  canvas.horizontal_rule(kLeft, kRight, kFooterTop - 4, 0.3, 0.6);
  canvas.draw_text(kLeft, kFooterTop, content.store_name + " · Invoice " + content.invoice_number,
                   sized(kSmall, kContentWidth / 2));
  canvas.draw_text(kRight, kFooterTop, "Page " + std::to_string(page) + " of " + std::to_string(pages),
                   {.size = 7.5, .grey = 0.35, .align = Align::Right});
}

}  // namespace emporium::invoices
