#pragma once

#include <chrono>
#include <string>

#include "notifications/mail_transport.hpp"

namespace emporium::notifications {

struct SmtpSettings {
  // smtp://[user:password@]host[:port] (STARTTLS when the server offers it) or smtps://… (TLS from the
  // start); the user and password (percent-encoded in the URL) are used for AUTH.
  std::string url = {};
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};  // the whole conversation
};

// Sends through an SMTP server with libcurl: one connection per message, certificates verified, timeouts on
// connecting and on the whole exchange. A 5xx answer to the message (not to AUTH) is permanent.
class SmtpTransport final : public MailTransport {
 public:
  explicit SmtpTransport(SmtpSettings settings);  // throws std::invalid_argument for a URL it cannot use
  void deliver(const Envelope& envelope, const std::string& message, const std::string& id) override;

  // The URL without its credentials (for logs).
  const std::string& server() const { return url_; }

 private:
  std::string url_;
  std::string user_;
  std::string password_;
  bool implicit_tls_ = false;
  bool loopback_ = false;  // the relay runs on this machine
  SmtpSettings settings_;
};

}  // namespace emporium::notifications
