#pragma once
// The geometry of an invoice page (A4, in points) and the text styles every block shares.

#include "invoices/pdf_canvas.hpp"

namespace emporium::invoices::layout {

inline constexpr double kPageWidth = 595.276;   // A4: 210 mm
inline constexpr double kPageHeight = 841.890;  // 297 mm
inline constexpr double kMargin = 42;           // ≈ 15 mm
inline constexpr double kLeft = kMargin;
inline constexpr double kRight = kPageWidth - kMargin;
inline constexpr double kContentWidth = kRight - kLeft;
inline constexpr double kTop = kMargin;
// Rows and totals end here; the footer ("Page n of m") sits below.
inline constexpr double kBodyBottom = kPageHeight - kMargin - 24;
inline constexpr double kFooterTop = kPageHeight - kMargin - 10;
inline constexpr double kBlockGap = 18;

inline constexpr TextStyle kBody{.size = 9};
inline constexpr TextStyle kBold{.size = 9, .bold = true};
inline constexpr TextStyle kSmall{.size = 7.5, .grey = 0.35};

}  // namespace emporium::invoices::layout
