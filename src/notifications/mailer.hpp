#pragma once

#include <string>

namespace emporium::notifications {

struct MailMessage {
  std::string to;
  std::string subject;
  std::string text;  // plain-text body, UTF-8
};

// Sends mail. Implementations: OutboxMailer (files, the default) and, with the events issue, SMTP.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // Throws on failure; callers decide whether a lost mail matters.
  virtual void send(const MailMessage& message) = 0;
};

}  // namespace emporium::notifications
