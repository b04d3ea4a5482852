#pragma once

#include <string>

#include "notifications/mailer.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::notifications {

// Writes each message as an RFC 5322 .eml file into a folder (EMPORIUM_DATA_DIR/outbox): what the server
// does when no SMTP server is configured, and what tests read.
class OutboxMailer final : public Mailer {
 public:
  OutboxMailer(std::string directory, std::string from, IdGenerator& ids, const Clock& clock);
  void send(const MailMessage& message) override;

 private:
  std::string directory_;
  std::string from_;
  IdGenerator& ids_;
  const Clock& clock_;
};

// The message as it goes on the wire (headers, blank line, body with CRLF line ends).
std::string format_message(const MailMessage& message, const std::string& from, const std::string& message_id,
                           Timestamp date);

}  // namespace emporium::notifications
