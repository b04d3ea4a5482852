#pragma once
// Which table rows go on which page: pure arithmetic on measured heights (points), so it is tested without
// rendering anything.

#include <cstddef>
#include <span>
#include <vector>

namespace emporium::invoices {

// The vertical space for table rows, with the header row already taken off.
struct PageSpace {
  double first_page = 0;   // page 1 also carries the seller, the facts and the addresses
  double other_pages = 0;  // later pages repeat only a short header
  double totals = 0;       // the totals block, which must sit whole on the last page, under the last row
};

// Rows [first_row, end_row) of one page; `totals` on the last page only.
struct PageSlice {
  std::size_t first_row = 0;
  std::size_t end_row = 0;
  bool totals = false;

  bool operator==(const PageSlice&) const = default;
};

// Fills pages in order. A row taller than a whole page still gets a page of its own (so that every row is
// printed); when the totals do not fit under the last row they move to a page of their own. Always at least one
// page.
std::vector<PageSlice> paginate(std::span<const double> row_heights, const PageSpace& space);

}  // namespace emporium::invoices
