#include "notifications/mail_template.hpp"

#include <optional>

namespace emporium::notifications {
namespace {

struct Tag {
  char kind = 0;             // 0: a value; '#', '^', '/', '!'
  std::string name = {};     // trimmed
  std::size_t text_end = 0;  // where the text before the tag ends (a standalone tag takes its indentation)
  std::size_t next = 0;      // where the text after it starts (a standalone tag takes its line end)
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

// A section or comment tag with nothing but blanks around it on its line.
void take_line_if_standalone(std::string_view source, std::size_t open, std::size_t close_end, Tag& tag) {
  std::size_t line_start = open;
  while (line_start > 0 && is_blank(source[line_start - 1])) --line_start;
  if (line_start > 0 && source[line_start - 1] != '\n') return;
  std::size_t after = close_end;
  while (after < source.size() && (is_blank(source[after]) || source[after] == '\r')) ++after;
  if (after < source.size() && source[after] != '\n') return;
  tag.text_end = line_start;
  tag.next = after < source.size() ? after + 1 : after;
}

// The next tag at or after `from`, or nullopt when there is none before `limit`.
std::optional<Tag> next_tag(std::string_view source, std::size_t from, std::size_t limit) {
  const auto open = source.find("{{", from);
  if (open == std::string_view::npos || open >= limit) return std::nullopt;
  const auto close = source.find("}}", open + 2);
  if (close == std::string_view::npos || close + 2 > limit) throw TemplateError("a {{ without }}");
  auto inner = trimmed(source.substr(open + 2, close - open - 2));
  Tag tag{.kind = 0, .name = {}, .text_end = open, .next = close + 2};
  if (!inner.empty() && (inner[0] == '#' || inner[0] == '^' || inner[0] == '/' || inner[0] == '!')) {
    tag.kind = inner[0];
    inner = trimmed(inner.substr(1));
    take_line_if_standalone(source, open, close + 2, tag);
  }
  tag.name = std::string(inner);
  if (tag.name.empty() && tag.kind != '!') throw TemplateError("an empty {{ }}");
  return tag;
}

struct Section {
  std::size_t body_begin = 0;
  std::size_t body_end = 0;
  std::size_t next = 0;
};

// The body of the section opened by `open` (which ended at `from`), up to its {{/name}}.
Section find_section_end(std::string_view source, const Tag& open, std::size_t limit) {
  int depth = 0;
  for (auto tag = next_tag(source, open.next, limit); tag; tag = next_tag(source, tag->next, limit)) {
    if (tag->name != open.name) continue;
    if (tag->kind == '#' || tag->kind == '^') ++depth;
    if (tag->kind == '/' && depth-- == 0) return {open.next, tag->text_end, tag->next};
  }
  throw TemplateError("section {{#" + open.name + "}} is not closed");
}

class Renderer {
 public:
  Renderer(std::string_view source, const TemplateData& data, Escaping escaping)
      : source_(source), data_(data), escaping_(escaping) {}

  void render(std::size_t begin, std::size_t end, std::string& out) {
    auto pos = begin;
    while (auto tag = next_tag(source_, pos, end)) {
      out.append(source_.substr(pos, tag->text_end - pos));
      if (tag->kind == '#' || tag->kind == '^') {
        const auto section = find_section_end(source_, *tag, end);
        render_section(*tag, section, out);
        pos = section.next;
        continue;
      }
      if (tag->kind == '/') throw TemplateError("{{/" + tag->name + "}} closes nothing");
      if (tag->kind == 0) append_value(value_of(tag->name), out);
      pos = tag->next;
    }
    out.append(source_.substr(pos, end - pos));
  }

 private:
  void render_section(const Tag& tag, const Section& section, std::string& out) {
    if (const auto list = data_.lists.find(tag.name); list != data_.lists.end()) {
      if (tag.kind == '^') {
        if (list->second.empty()) render(section.body_begin, section.body_end, out);
        return;
      }
      const auto* outer = scope_;
      for (const auto& item : list->second) {
        scope_ = &item;
        render(section.body_begin, section.body_end, out);
      }
      scope_ = outer;
      return;
    }
    const bool shown = !value_of(tag.name).empty();
    if (shown == (tag.kind == '#')) render(section.body_begin, section.body_end, out);
  }

  const std::string& value_of(const std::string& name) const {
    if (scope_ != nullptr) {
      if (const auto found = scope_->find(name); found != scope_->end()) return found->second;
    }
    if (const auto found = data_.values.find(name); found != data_.values.end()) return found->second;
    throw TemplateError("no value for {{" + name + "}}");
  }

  void append_value(std::string_view value, std::string& out) const {
    switch (escaping_) {
      case Escaping::Html:
        out += escape_html(value);
        return;
      case Escaping::Header:
        out += one_line(value);
        return;
      case Escaping::Text:
        for (const char c : value)
          if (c != '\r') out += c;
        return;
    }
  }

  std::string_view source_;
  const TemplateData& data_;
  Escaping escaping_;
  const TemplateValues* scope_ = nullptr;  // the list entry being rendered
};

}  // namespace

std::string render_template(std::string_view source, const TemplateData& data, Escaping escaping) {
  std::string out;
  Renderer(source, data, escaping).render(0, source.size(), out);
  return out;
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += (byte < 0x20 || byte == 0x7f) ? ' ' : c;
  }
  return out;
}

}  // namespace emporium::notifications
