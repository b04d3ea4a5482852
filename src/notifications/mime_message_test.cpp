// The wire format, parsed back: header lines, encoded words, Date and Message-ID, the multipart/alternative
// structure, quoted-printable bodies that decode to what was sent, CRLF everywhere, no line starting with '.'.
#include "notifications/mime_message.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <map>
#include <regex>
#include <vector>

#include "support/random.hpp"

namespace emporium::notifications {
namespace {

const Timestamp kDate = from_unix_millis(1'795'000'000'000);  // Wed, 18 Nov 2026 11:06:40 UTC

std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (auto end = text.find("\r\n"); end != std::string::npos; end = text.find("\r\n", start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  EXPECT_EQ(start, text.size()) << "the text ends with CRLF";
  return lines;
}

int hex_value(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

std::string decode_quoted_printable(const std::string& encoded) {
  std::string out;
  for (const auto& line : crlf_lines(encoded)) {
    const bool soft = !line.empty() && line.back() == '=';
    const auto body = soft ? line.substr(0, line.size() - 1) : line;
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '=') {
        out += static_cast<char>(hex_value(body[i + 1]) * 16 + hex_value(body[i + 2]));
        i += 2;
      } else {
        out += body[i];
      }
    }
    if (!soft) out += '\n';
  }
  return out;
}

std::string base64_decode(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t size = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                              nullptr, &size, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  out.resize(size);
  return out;
}

// An unfolded header value with its encoded words decoded (whitespace between two encoded words dropped).
std::string decode_header(std::string value) {
  value = std::regex_replace(value, std::regex("\\?=\r\n =\\?"), "?==?");
  value = std::regex_replace(value, std::regex("\r\n "), " ");
  std::string out;
  const std::regex word("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");
  std::size_t last = 0;
  for (std::sregex_iterator it(value.begin(), value.end(), word), end; it != end; ++it) {
    EXPECT_LE(it->length(), 75) << "an encoded word is at most 75 characters";
    out += value.substr(last, static_cast<std::size_t>(it->position()) - last) + base64_decode((*it)[1]);
    last = static_cast<std::size_t>(it->position() + it->length());
  }
  return out + value.substr(last);
}

struct Parsed {
  std::map<std::string, std::string> headers;  // raw values, folding kept
  std::string body;
};

Parsed parse(const std::string& message) {
  Parsed parsed;
  const auto split = message.find("\r\n\r\n");
  EXPECT_NE(split, std::string::npos);
  std::string last;
  for (const auto& line : crlf_lines(message.substr(0, split + 2))) {
    EXPECT_LE(line.size(), 78u) << line;
    if (line.starts_with(" ") || line.starts_with("\t")) {
      parsed.headers[last] += "\r\n" + line;
      continue;
    }
    const auto colon = line.find(": ");
    last = line.substr(0, colon);
    EXPECT_FALSE(parsed.headers.contains(last)) << "one " << last << " header";
    parsed.headers[last] = line.substr(colon + 2);
  }
  parsed.body = message.substr(split + 4);
  return parsed;
}

MailMessage sample(std::string text = "Hello Ada,\nyour total is 12.00 USD.\n") {
  return {.to = "ada@example.com",
          .subject = "Your order ord_1",
          .text = std::move(text),
          .html = "<p>Hello Ada,</p>\n<p style=\"x\">your total is <b>12.00 USD</b>.</p>\n",
          .to_name = "Ada Lovelace",
          .kind = "order_placed"};
}

TEST(MimeMessage, HasTheHeadersOfAnRfc5322Message) {
  const auto message = format_message(sample(), "Emporium Shop <no-reply@shop.example>", "msg_01ABC", kDate);
  const auto parsed = parse(message);
  EXPECT_EQ(parsed.headers.at("From"), "Emporium Shop <no-reply@shop.example>");
  EXPECT_EQ(parsed.headers.at("To"), "Ada Lovelace <ada@example.com>");
  EXPECT_EQ(parsed.headers.at("Subject"), "Your order ord_1");
  EXPECT_EQ(parsed.headers.at("Date"), "Wed, 18 Nov 2026 11:06:40 +0000");
  EXPECT_EQ(parsed.headers.at("Message-ID"), "<msg_01ABC@shop.example>");
  EXPECT_EQ(parsed.headers.at("MIME-Version"), "1.0");
  EXPECT_EQ(format_message(sample(), "Emporium Shop <no-reply@shop.example>", "msg_01ABC", kDate), message)
      << "formatting again (a retry) gives the same bytes";
}

TEST(MimeMessage, IsMultipartAlternativeWithQuotedPrintableUtf8Parts) {
  auto mail = sample("Grüße, Ada!\nA line that is rather long: " + std::string(120, 'x') + "\nTrailing space \n");
  const auto parsed = parse(format_message(mail, "no-reply@shop.example", "msg_01ABC", kDate));
  const std::regex type("multipart/alternative; boundary=\"([^\"]+)\"");
  std::smatch match;
  ASSERT_TRUE(std::regex_match(parsed.headers.at("Content-Type"), match, type)) << parsed.headers.at("Content-Type");
  const auto boundary = "--" + match[1].str();
  const auto end = parsed.body.find(boundary + "--\r\n");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(end + boundary.size() + 4, parsed.body.size()) << "nothing after the closing boundary";
  std::vector<std::string> parts;
  for (auto at = parsed.body.find(boundary + "\r\n"); at < end; at = parsed.body.find(boundary + "\r\n", at + 1)) {
    const auto from = at + boundary.size() + 2;
    const auto next = std::min(parsed.body.find(boundary + "\r\n", from), end);
    parts.push_back(parsed.body.substr(from, next - from));
  }
  ASSERT_EQ(parts.size(), 2u);
  const std::vector<std::pair<std::string, std::string>> expected{{"text/plain", mail.text}, {"text/html", mail.html}};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto part = parse(parts[i]);
    EXPECT_EQ(part.headers.at("Content-Type"), expected[i].first + "; charset=UTF-8");
    EXPECT_EQ(part.headers.at("Content-Transfer-Encoding"), "quoted-printable");
    for (const auto& line : crlf_lines(part.body)) {
      EXPECT_LE(line.size(), 76u);
      for (const char c : line) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << "7-bit on the wire";
    }
    EXPECT_EQ(decode_quoted_printable(part.body), expected[i].second);
  }
}

TEST(MimeMessage, NonAsciiSubjectsAndNamesAreEncodedWords) {
  auto mail = sample();
  mail.subject = "Ihre Bestellung über 12 € — " + std::string(60, 'a') + " 日本語の件名もちゃんと届きます";
  mail.to_name = "Zoë Ünicode";
  const auto parsed = parse(format_message(mail, "Läden GmbH <no-reply@shop.example>", "msg_1", kDate));
  EXPECT_TRUE(parsed.headers.at("Subject").starts_with("=?UTF-8?B?"));
  EXPECT_EQ(decode_header(parsed.headers.at("Subject")), mail.subject);
  EXPECT_EQ(decode_header(parsed.headers.at("To")), "Zoë Ünicode <ada@example.com>");
  EXPECT_EQ(decode_header(parsed.headers.at("From")), "Läden GmbH <no-reply@shop.example>");
}

TEST(MimeMessage, HeadersCannotBeInjected) {
  auto mail = sample();
  mail.subject = "Hi\r\nBcc: victim@example.com";
  mail.to_name = "Eve\r\nBcc: other@example.com";
  mail.to = "ada@example.com\r\nX-Evil: 1";
  const auto message = format_message(mail, "no-reply@shop.example", "msg_1\r\nX: y", kDate);
  EXPECT_EQ(message.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(message.find("\r\nX-Evil:"), std::string::npos);
  EXPECT_EQ(message.find("\r\nX: y"), std::string::npos);
  EXPECT_EQ(parse(message).headers.at("Subject"), "Hi  Bcc: victim@example.com");
}

TEST(MimeMessage, DisplayNamesWithSpecialsAreQuoted) {
  EXPECT_EQ(format_mailbox({.name = "Lovelace, Ada \"the first\"", .address = "ada@x.test"}),
            "\"Lovelace, Ada \\\"the first\\\"\" <ada@x.test>");
  EXPECT_EQ(format_mailbox({.name = "", .address = "ada@x.test"}), "ada@x.test");
  const auto parsed = parse_mailbox("\"Shop, Inc\" <a@b.test>");
  EXPECT_EQ(parsed.name, "Shop, Inc");
  EXPECT_EQ(parsed.address, "a@b.test");
  EXPECT_EQ(parse_mailbox("a@b.test").address, "a@b.test");
  EXPECT_EQ(domain_of("a@b.test"), "b.test");
  EXPECT_EQ(domain_of("nobody"), "emporium.invalid");
}

TEST(MimeMessage, LinesStartingWithADotAreEncodedSoSmtpCannotEndTheMessageEarly) {
  const std::string text = "before\n.\n.hidden\n..\nafter\n";
  const auto encoded = quoted_printable(text);
  for (const auto& line : crlf_lines(encoded)) EXPECT_FALSE(line.starts_with(".")) << line;
  EXPECT_EQ(decode_quoted_printable(encoded), text);
  const auto message = format_message(sample(text), "no-reply@shop.example", "msg_1", kDate);
  for (const auto& line : crlf_lines(message)) EXPECT_FALSE(line.starts_with("."));
}

TEST(MimeMessage, QuotedPrintableRoundTripsAnyText) {
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const auto size = random_u64() % 300;
    for (std::size_t i = 0; i < size; ++i) {
      const auto pick = random_u64() % 10;
      text += pick == 0 ? '\n' : pick == 1 ? ' ' : pick == 2 ? '=' : pick == 3 ? '.' : static_cast<char>(random_u64());
    }
    std::erase(text, '\r');  // line ends are the formatter's: CR LF and LF both become CRLF
    if (!text.empty() && text.back() != '\n') text += '\n';
    const auto encoded = quoted_printable(text);
    for (const auto& line : crlf_lines(encoded)) {
      EXPECT_LE(line.size(), 76u);
      EXPECT_FALSE(line.ends_with(" ") || line.ends_with("\t")) << "trailing white space is encoded";
    }
    ASSERT_EQ(decode_quoted_printable(encoded), text) << "round " << round;
  }
}

TEST(MimeMessage, ATextOnlyMessageIsOnePlainPart) {
  auto mail = sample();
  mail.html.clear();
  const auto parsed = parse(format_message(mail, "no-reply@shop.example", "msg_1", kDate));
  EXPECT_EQ(parsed.headers.at("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(decode_quoted_printable(parsed.body), mail.text);
}

TEST(MimeMessage, DatesAreRfc5322InEnglishAndUtc) {
  EXPECT_EQ(rfc5322_date(from_unix_millis(0)), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(rfc5322_date(from_unix_millis(1'782'864'000'000)), "Wed, 01 Jul 2026 00:00:00 +0000");
}

TEST(MimeMessage, LongAsciiSubjectsAreFolded) {
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "word" + std::to_string(i) + " ";
  subject.pop_back();
  const auto header = encode_header_text(subject, 9);
  EXPECT_NE(header.find("\r\n "), std::string::npos);
  EXPECT_EQ(std::regex_replace(header, std::regex("\r\n"), ""), subject);
}

}  // namespace
}  // namespace emporium::notifications
