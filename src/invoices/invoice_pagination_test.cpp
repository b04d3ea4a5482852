#include "invoices/invoice_pagination.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace emporium::invoices {
namespace {

std::vector<double> rows(std::size_t count, double height) { return std::vector<double>(count, height); }

TEST(InvoicePagination, OnePageWhenEverythingFits) {
  const auto pages = paginate(rows(5, 20), {.first_page = 500, .other_pages = 700, .totals = 80});
  EXPECT_EQ(pages, (std::vector<PageSlice>{{.first_row = 0, .end_row = 5, .totals = true}}));
}

TEST(InvoicePagination, NoRowsStillMakesAPageWithTheTotals) {
  const auto pages = paginate({}, {.first_page = 500, .other_pages = 700, .totals = 80});
  EXPECT_EQ(pages, (std::vector<PageSlice>{{.first_row = 0, .end_row = 0, .totals = true}}));
}

TEST(InvoicePagination, FillsEachPageBeforeStartingTheNext) {
  // 100 / 20 = 5 rows on the first page, 200 / 20 = 10 on the others; 23 rows: 5 + 10 + 8, and the totals (40)
  // fit under the 8 rows (160 of 200).
  const auto pages = paginate(rows(23, 20), {.first_page = 100, .other_pages = 200, .totals = 40});
  EXPECT_EQ(pages, (std::vector<PageSlice>{{.first_row = 0, .end_row = 5},
                                           {.first_row = 5, .end_row = 15},
                                           {.first_row = 15, .end_row = 23, .totals = true}}));
}

TEST(InvoicePagination, ARowThatFitsExactlyStays) {
  const auto pages = paginate(rows(5, 20), {.first_page = 100, .other_pages = 200, .totals = 0});
  EXPECT_EQ(pages, (std::vector<PageSlice>{{.first_row = 0, .end_row = 5, .totals = true}}));
}

TEST(InvoicePagination, TotalsThatDoNotFitUnderTheLastRowGetAPageOfTheirOwn) {
  const auto pages = paginate(rows(4, 20), {.first_page = 100, .other_pages = 200, .totals = 30});
  EXPECT_EQ(pages,
            (std::vector<PageSlice>{{.first_row = 0, .end_row = 4}, {.first_row = 4, .end_row = 4, .totals = true}}));
}

TEST(InvoicePagination, TallRowsMoveWhole) {
  // The 60-point row does not fit the 40 left on page 1: it starts page 2 rather than being cut.
  const std::vector<double> heights{30, 30, 60, 30};
  const auto pages = paginate(heights, {.first_page = 100, .other_pages = 100, .totals = 10});
  EXPECT_EQ(pages,
            (std::vector<PageSlice>{{.first_row = 0, .end_row = 2}, {.first_row = 2, .end_row = 4, .totals = true}}));
}

TEST(InvoicePagination, ARowTallerThanAPageStillGetsPrinted) {
  const std::vector<double> heights{10, 500, 10};
  const auto pages = paginate(heights, {.first_page = 100, .other_pages = 100, .totals = 10});
  EXPECT_EQ(pages, (std::vector<PageSlice>{{.first_row = 0, .end_row = 1},
                                           {.first_row = 1, .end_row = 2},
                                           {.first_row = 2, .end_row = 3, .totals = true}}));
}

TEST(InvoicePagination, EveryRowIsOnExactlyOnePageInOrder) {
  std::vector<double> heights;
  for (int i = 0; i < 200; ++i) heights.push_back(12 + (i * 7) % 40);
  const auto pages = paginate(heights, {.first_page = 300, .other_pages = 650, .totals = 90});
  ASSERT_GE(pages.size(), 2u);
  std::size_t next = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    EXPECT_EQ(pages[p].first_row, next);
    EXPECT_EQ(pages[p].totals, p + 1 == pages.size());
    double used = 0;
    for (auto row = pages[p].first_row; row < pages[p].end_row; ++row) used += heights[row];
    if (pages[p].totals) used += 90;
    EXPECT_LE(used, p == 0 ? 300 : 650) << "page " << p;
    next = pages[p].end_row;
  }
  EXPECT_EQ(next, heights.size());
}

}  // namespace
}  // namespace emporium::invoices
