#pragma once
// The message as it goes on the wire (RFC 5322 + MIME): headers with RFC 2047 encoded words for non-ASCII
// text, a multipart/alternative body with text/plain and text/html parts (UTF-8, quoted-printable), CRLF
// line ends. One formatter for SMTP and the .eml outbox alike.

#include <string>
#include <string_view>

#include "notifications/mailer.hpp"
#include "support/clock.hpp"

namespace emporium::notifications {

// "Emporium <no-reply@shop.example>" → {"Emporium", "no-reply@shop.example"}; a bare address has no name.
struct Mailbox {
  std::string name = {};
  std::string address = {};
};
Mailbox parse_mailbox(std::string_view text);
// The mailbox for a header: the name quoted or encoded as needed and the address in <>; a bare address
// without a name.
std::string format_mailbox(const Mailbox& mailbox);
// The domain of an address ("shop.example"), for Message-IDs; "emporium.invalid" when it has none.
std::string domain_of(std::string_view address);

// Header text: one line (control characters become spaces); non-ASCII text as RFC 2047 encoded words of at
// most 75 characters, folded onto continuation lines. `used` is how much of the first line the header's
// name already takes ("Subject: " = 9).
std::string encode_header_text(std::string_view text, std::size_t used);
// RFC 2045 quoted-printable with CRLF line ends; a line that would start with '.' starts with "=2E".
std::string quoted_printable(std::string_view text);
// "Tue, 03 Nov 2026 10:00:00 +0000" (RFC 5322, always UTC, English names whatever the locale).
std::string rfc5322_date(Timestamp date);

// The whole message. `message_id` is the left part of the Message-ID (<message_id@domain of from>) and
// names the MIME boundary, so formatting the same message again gives the same bytes.
std::string format_message(const MailMessage& message, const std::string& from, const std::string& message_id,
                           Timestamp date);

}  // namespace emporium::notifications
