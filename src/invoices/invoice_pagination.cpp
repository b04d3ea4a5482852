#include "invoices/invoice_pagination.hpp"

namespace emporium::invoices {

std::vector<PageSlice> paginate(std::span<const double> row_heights, const PageSpace& space) {
  std::vector<PageSlice> pages{{}};
  double left = space.first_page;
  for (std::size_t row = 0; row < row_heights.size(); ++row) {
    auto& page = pages.back();
    const bool empty = page.first_row == page.end_row;
    if (!empty && row_heights[row] > left) {
      pages.push_back({.first_row = row, .end_row = row});
      left = space.other_pages;
    }
    pages.back().end_row = row + 1;
    left -= row_heights[row];
  }
  if (space.totals > left) {
    const auto end = pages.back().end_row;
    pages.push_back({.first_row = end, .end_row = end});
  }
  pages.back().totals = true;
  return pages;
}

}  // namespace emporium::invoices
