#pragma once
// A PDF document drawn in memory with Cairo, with text laid out by Pango: the few drawing operations an
// invoice needs, in points (1/72 inch) from the top left corner of the page. Cairo and Pango types stay in the
// .cpp. Not thread-safe: one canvas per rendering.

#include <memory>
#include <string>
#include <string_view>

namespace emporium::invoices {

enum class Align { Left, Right, Center };

struct TextStyle {
  double size = 9;  // points
  bool bold = false;
  double grey = 0;  // 0 black … 1 white
  Align align = Align::Left;
  double width = 0;  // points; text wraps (at words, inside words only when one does not fit). 0: no limit
};

// PDF document information.
struct PdfMetadata {
  std::string title = {};
  std::string creator = {};
  std::string created_at = {};  // ISO 8601; also the modification date (no wall clock: same input, same file)
};

class PdfCanvas {
 public:
  PdfCanvas(double page_width, double page_height);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  void set_metadata(const PdfMetadata& metadata);
  // Text is set as plain text (never parsed as markup): "<b>" and "&" print as they are.
  double text_height(std::string_view text, const TextStyle& style) const;
  // Draws the text with its top left corner at (x, y) (the top right when right-aligned with no width, etc.).
  // Returns its height.
  double draw_text(double x, double y, std::string_view text, const TextStyle& style);
  void horizontal_rule(double x1, double x2, double y, double thickness = 0.5, double grey = 0);
  void fill_rectangle(double x, double y, double width, double height, double grey);
  // Ends the current page and starts the next one.
  void next_page();
  // Ends the document and returns the PDF. Throws std::runtime_error when Cairo failed. The canvas is done.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace emporium::invoices
