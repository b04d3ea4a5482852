#include "invoices/invoice_table.hpp"

#include <algorithm>
#include <array>

#include "invoices/invoice_layout.hpp"

namespace emporium::invoices {
namespace {
using namespace layout;

constexpr double kPadding = 4;

struct Column {
  const char* title;
  double width;
  Align align;
};
enum ColumnIndex { kSku, kProduct, kQuantity, kUnitPrice, kLineTotal };
// The widths add up to the content width; the product column takes what the others leave. SKUs of up to about
// 16 characters and amounts up to 1,000,000.00 fit on one line; longer ones wrap.
constexpr double kSkuWidth = 118, kQuantityWidth = 34, kMoneyWidth = 88;
constexpr std::array<Column, 5> kColumns{{
    {"SKU", kSkuWidth, Align::Left},
    {"Product", kContentWidth - kSkuWidth - kQuantityWidth - 2 * kMoneyWidth, Align::Left},
    {"Qty", kQuantityWidth, Align::Right},
    {"Unit price", kMoneyWidth, Align::Right},
    {"Line total", kMoneyWidth, Align::Right},
}};

double column_left(int index) {
  double x = kLeft;
  for (int i = 0; i < index; ++i) x += kColumns[static_cast<std::size_t>(i)].width;
  return x;
}

TextStyle cell_style(int index, TextStyle style) {
  style.width = kColumns[static_cast<std::size_t>(index)].width - 2 * kPadding;
  style.align = kColumns[static_cast<std::size_t>(index)].align;
  return style;
}

// The product cell: the name, and under it the options in small print.
double product_height(const PdfCanvas& canvas, const InvoiceRow& row) {
  double height = canvas.text_height(row.name, cell_style(kProduct, kBody));
  if (!row.options.empty()) height += canvas.text_height(row.options, cell_style(kProduct, kSmall));
  return height;
}
}  // namespace

double table_header_height(const PdfCanvas& canvas) {
  return canvas.text_height("Product", cell_style(kProduct, kBold)) + 2 * kPadding;
}

double draw_table_header(PdfCanvas& canvas, double y) {
  const double height = table_header_height(canvas);
  canvas.fill_rectangle(kLeft, y, kContentWidth, height, 0.92);
  for (int i = 0; i < static_cast<int>(kColumns.size()); ++i)
    canvas.draw_text(column_left(i) + kPadding, y + kPadding, kColumns[static_cast<std::size_t>(i)].title,
                     cell_style(i, kBold));
  return y + height;
}

double table_row_height(const PdfCanvas& canvas, const InvoiceRow& row) {
  const double cells = std::max({canvas.text_height(row.sku, cell_style(kSku, kBody)), product_height(canvas, row),
                                 canvas.text_height(row.quantity, cell_style(kQuantity, kBody)),
                                 canvas.text_height(row.unit_price, cell_style(kUnitPrice, kBody)),
                                 canvas.text_height(row.line_total, cell_style(kLineTotal, kBody))});
  return cells + 2 * kPadding;
}

double draw_table_row(PdfCanvas& canvas, const InvoiceRow& row, double y, double height) {
  const double top = y + kPadding;
  canvas.draw_text(column_left(kSku) + kPadding, top, row.sku, cell_style(kSku, kBody));
  const double name = canvas.draw_text(column_left(kProduct) + kPadding, top, row.name, cell_style(kProduct, kBody));
  if (!row.options.empty())
    canvas.draw_text(column_left(kProduct) + kPadding, top + name, row.options, cell_style(kProduct, kSmall));
  canvas.draw_text(column_left(kQuantity) + kPadding, top, row.quantity, cell_style(kQuantity, kBody));
  canvas.draw_text(column_left(kUnitPrice) + kPadding, top, row.unit_price, cell_style(kUnitPrice, kBody));
  canvas.draw_text(column_left(kLineTotal) + kPadding, top, row.line_total, cell_style(kLineTotal, kBody));
  canvas.horizontal_rule(kLeft, kRight, y + height, 0.3, 0.75);
  return y + height;
}

}  // namespace emporium::invoices
