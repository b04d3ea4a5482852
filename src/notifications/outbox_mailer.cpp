#include "notifications/outbox_mailer.hpp"

#include <sodium.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support/random.hpp"

namespace emporium::notifications {
namespace {

bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string base64(std::string_view bytes) {
  ensure_sodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

// RFC 2047: non-ASCII header text travels as an encoded word. Line breaks are dropped (no header injection).
std::string header_text(std::string_view text) {
  std::string clean;
  for (const char c : text) clean += (c == '\r' || c == '\n') ? ' ' : c;
  if (is_ascii(clean)) return clean;
  return "=?UTF-8?B?" + base64(clean) + "?=";
}

std::string rfc5322_date(Timestamp date) {
  const std::time_t seconds = to_unix_millis(date) / 1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[64];
  const auto size = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &parts);
  return std::string(text, size);
}

std::string crlf_lines(std::string_view body) {
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r') continue;
    if (body[i] == '\n') {
      out += "\r\n";
    } else {
      out += body[i];
    }
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

}  // namespace

std::string format_message(const MailMessage& message, const std::string& from, const std::string& message_id,
                           Timestamp date) {
  std::string out;
  out += "From: " + header_text(from) + "\r\n";
  out += "To: " + header_text(message.to) + "\r\n";
  out += "Subject: " + header_text(message.subject) + "\r\n";
  out += "Date: " + rfc5322_date(date) + "\r\n";
  out += "Message-ID: <" + message_id + "@emporium>\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n\r\n";
  out += crlf_lines(message.text);
  return out;
}

OutboxMailer::OutboxMailer(std::string directory, std::string from, IdGenerator& ids, const Clock& clock)
    : directory_(std::move(directory)), from_(std::move(from)), ids_(ids), clock_(clock) {}

void OutboxMailer::send(const MailMessage& message) {
  std::filesystem::create_directories(directory_);
  const auto id = ids_.next("msg");
  const auto final_path = std::filesystem::path(directory_) / (id + ".eml");
  const auto temporary = std::filesystem::path(directory_) / ("." + id + ".tmp");
  {
    std::ofstream file(temporary, std::ios::binary);
    file << format_message(message, from_, id, clock_.now());
    if (!file) throw std::runtime_error("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, final_path);  // readers never see half a message
}

}  // namespace emporium::notifications
