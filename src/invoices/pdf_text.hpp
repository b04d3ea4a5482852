#pragma once
// For tests: what poppler-utils read back from a PDF (pdftotext -layout, pdfinfo), run on a temporary file.

#include <string>
#include <vector>

namespace emporium::invoices::testing {

// The text of every page, laid out as on the page; pages end with a form feed.
std::string pdf_to_text(const std::string& pdf);
// The text of each page.
std::vector<std::string> pdf_pages(const std::string& pdf);
// pdfinfo's report ("Title:", "Creator:", "Pages:", "Page size:" …).
std::string pdf_info(const std::string& pdf);
// pdffonts's report: the fonts embedded, one a line.
std::string pdf_fonts(const std::string& pdf);
// The value of one pdfinfo field ("Title" → "INV-2026-000001"), trimmed; empty when absent.
std::string pdf_info_field(const std::string& pdf, const std::string& field);
// `text` with every run of white space (line breaks included) made one space.
std::string squeeze_spaces(const std::string& text);

}  // namespace emporium::invoices::testing
