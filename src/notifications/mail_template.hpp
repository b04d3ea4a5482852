#pragma once
// A small template language for the mail templates (src/notifications/templates), a subset of Mustache:
//
//   {{name}}               the value, escaped for where it goes (HTML, a header, plain text)
//   {{#items}}…{{/items}}  repeated for each entry of the list `items` (an entry's values come first inside)
//   {{#name}}…{{/name}}    shown once when the value `name` is not empty
//   {{^name}}…{{/name}}    shown when the value or list `name` is empty
//   {{! a comment }}
//
// A section or comment tag alone on its line takes the whole line with it, so templates can be laid out
// one tag per line. There is no way to insert unescaped HTML: every value is user text.

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace emporium::notifications {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

struct TemplateData {
  TemplateValues values = {};
  std::map<std::string, std::vector<TemplateValues>, std::less<>> lists = {};
};

enum class Escaping {
  Text,    // as it is (carriage returns dropped: line ends are the formatter's business)
  Html,    // & < > " ' as entities
  Header,  // one line: CR, LF and other control characters become spaces (no header injection)
};

// A template names a value it was not given, or a section is not closed: a bug in a template, which the
// tests that render every template catch.
class TemplateError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

std::string render_template(std::string_view source, const TemplateData& data, Escaping escaping);

std::string escape_html(std::string_view text);
// Control characters (CR and LF among them) replaced by spaces.
std::string one_line(std::string_view text);

}  // namespace emporium::notifications
