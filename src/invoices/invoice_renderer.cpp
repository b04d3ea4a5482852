#include "invoices/invoice_renderer.hpp"

#include "invoices/invoice_blocks.hpp"
#include "invoices/invoice_layout.hpp"
#include "invoices/invoice_pagination.hpp"
#include "invoices/invoice_table.hpp"

namespace emporium::invoices {
namespace {
using namespace layout;

struct Plan {
  std::vector<double> row_heights;
  std::vector<PageSlice> pages;
  double first_table_top = 0;
  double other_table_top = 0;
};

// Everything is measured before anything is drawn: "Page n of m" needs m on page 1.
Plan plan(PdfCanvas& canvas, const InvoiceContent& content) {
  Plan out;
  out.first_table_top = first_page_header(canvas, content, Pass::Measure);
  out.other_table_top = continuation_header(canvas, content, Pass::Measure);
  out.row_heights.reserve(content.rows.size());
  for (const auto& row : content.rows) out.row_heights.push_back(table_row_height(canvas, row));
  const double header = table_header_height(canvas);
  const PageSpace space{.first_page = kBodyBottom - out.first_table_top - header,
                        .other_pages = kBodyBottom - out.other_table_top - header,
                        .totals = totals_block(canvas, content, 0, Pass::Measure)};
  out.pages = paginate(out.row_heights, space);
  return out;
}

void draw_page(PdfCanvas& canvas, const InvoiceContent& content, const Plan& plan, std::size_t index) {
  const auto& page = plan.pages[index];
  double y =
      index == 0 ? first_page_header(canvas, content, Pass::Draw) : continuation_header(canvas, content, Pass::Draw);
  // A page holding only the totals needs no table header.
  if (page.first_row != page.end_row || index == 0) y = draw_table_header(canvas, y);
  for (auto row = page.first_row; row < page.end_row; ++row)
    y = draw_table_row(canvas, content.rows[row], y, plan.row_heights[row]);
  if (page.totals) totals_block(canvas, content, y, Pass::Draw);
  draw_footer(canvas, content, index + 1, plan.pages.size());
}
}  // namespace

std::string render_invoice(const InvoiceContent& content) {
  PdfCanvas canvas(kPageWidth, kPageHeight);
  canvas.set_metadata(
      {.title = content.invoice_number, .creator = content.store_name, .created_at = content.issued_at});
  const auto layout = plan(canvas, content);
  for (std::size_t index = 0; index < layout.pages.size(); ++index) {
    if (index > 0) canvas.next_page();
    draw_page(canvas, content, layout, index);
  }
  return canvas.finish();
}

std::string render_invoice_pdf(const orders::Order& order, const StoreDetails& store) {
  return render_invoice(invoice_content(order, store));
}

}  // namespace emporium::invoices
