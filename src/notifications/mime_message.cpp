#include "notifications/mime_message.hpp"

#include <sodium.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "support/random.hpp"

namespace emporium::notifications {
namespace {

constexpr std::size_t kMaxEncodedBytes = 39;  // 52 base64 characters: "=?UTF-8?B?…?=" stays under 75
constexpr std::size_t kMaxLine = 76;          // RFC 2045: encoded lines, RFC 5322: header lines (≤ 78)

bool is_ascii(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string base64(std::string_view bytes) {
  ensure_sodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

// The longest prefix of `text` of at most `limit` bytes that does not cut a UTF-8 sequence.
std::size_t utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  auto end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end == 0 ? limit : end;
}

std::string encoded_words(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto take = utf8_prefix(text, kMaxEncodedBytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(0, take)) + "?=";
    text.remove_prefix(take);
  }
  return out;
}

// ASCII header text folded at spaces so that lines stay short where they can.
std::string folded(std::string_view text, std::size_t used) {
  std::string out;
  std::size_t line = used;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(' ', start + 1);
    if (end == std::string_view::npos) end = text.size();
    const auto word = text.substr(start, end - start);  // with its leading space, except the first
    if (line + word.size() > kMaxLine && start > 0) {
      out += "\r\n";
      line = 0;
    }
    out += word;
    line += word.size();
    if (end == text.size()) break;
    start = end;
  }
  return out;
}

bool needs_quoting(std::string_view name) {
  for (const char c : name) {
    const bool atext = std::isalnum(static_cast<unsigned char>(c)) || c == ' ' ||
                       std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
    if (!atext) return true;
  }
  return false;
}

std::string hex_escape(unsigned char byte) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  return {'=', kHex[byte >> 4], kHex[byte & 0x0F]};
}

// One line (no line end) in quoted-printable, with soft line breaks.
void quoted_printable_line(std::string_view line, std::string& out) {
  std::size_t length = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    const bool literal = (byte >= 33 && byte <= 126 && byte != '=') || ((byte == ' ' || byte == '\t') && !last);
    auto token = literal ? std::string(1, static_cast<char>(byte)) : hex_escape(byte);
    if (length + token.size() > kMaxLine - 1) {  // room for the '=' of the soft break
      out += "=\r\n";
      length = 0;
    }
    if (length == 0 && token == ".") token = hex_escape('.');
    out += token;
    length += token.size();
  }
}

std::string part_headers(std::string_view type) {
  return "Content-Type: " + std::string(type) +
         "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
}

}  // namespace

Mailbox parse_mailbox(std::string_view text) {
  const auto open = text.rfind('<');
  const auto close = text.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    return {.name = {}, .address = std::string(text)};
  auto name = text.substr(0, open);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  return {.name = std::string(name), .address = std::string(text.substr(open + 1, close - open - 1))};
}

std::string format_mailbox(const Mailbox& mailbox) {
  const auto name = one_line(mailbox.name);
  if (name.empty()) return one_line(mailbox.address);
  const auto address = "<" + one_line(mailbox.address) + ">";
  if (!is_ascii(name)) return encoded_words(name) + " " + address;
  if (!needs_quoting(name)) return name + " " + address;
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" " + address;
}

std::string domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 == address.size()) return "emporium.invalid";
  return one_line(address.substr(at + 1));
}

std::string encode_header_text(std::string_view text, std::size_t used) {
  const auto line = one_line(text);
  if (is_ascii(line)) return folded(line, used);
  return encoded_words(line);
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    const bool has_end = end != std::string_view::npos;
    if (!has_end) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    quoted_printable_line(line, out);
    out += "\r\n";
    start = end + 1;
  }
  return out;
}

std::string rfc5322_date(Timestamp date) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = to_unix_millis(date) / 1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[64];
  const auto size =
      std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays.at(parts.tm_wday), parts.tm_mday,
                    kMonths.at(parts.tm_mon), parts.tm_year + 1900, parts.tm_hour, parts.tm_min, parts.tm_sec);
  return std::string(text, static_cast<std::size_t>(size));
}

std::string format_message(const MailMessage& message, const std::string& from, const std::string& message_id,
                           Timestamp date) {
  const auto sender = parse_mailbox(from);
  std::string out;
  out += "From: " + format_mailbox(sender) + "\r\n";
  out += "To: " + format_mailbox({.name = message.to_name, .address = message.to}) + "\r\n";
  out += "Subject: " + encode_header_text(message.subject, 9) + "\r\n";
  out += "Date: " + rfc5322_date(date) + "\r\n";
  out += "Message-ID: <" + one_line(message_id) + "@" + domain_of(sender.address) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  if (message.html.empty()) return out + part_headers("text/plain") + quoted_printable(message.text);
  // "=_" never occurs in quoted-printable text, so the boundary cannot appear in a part.
  const auto boundary = "=_alt_" + one_line(message_id);
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "This is a message in MIME format: a text and an HTML version.\r\n";
  out += "--" + boundary + "\r\n" + part_headers("text/plain") + quoted_printable(message.text);
  out += "--" + boundary + "\r\n" + part_headers("text/html") + quoted_printable(message.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace emporium::notifications
