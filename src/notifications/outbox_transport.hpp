#pragma once

#include <string>

#include "notifications/mail_transport.hpp"

namespace emporium::notifications {

// Writes each message as <id>.eml into a folder (EMPORIUM_DATA_DIR/outbox): where mail goes when no SMTP
// server is configured, and what tests read. A message delivered again (after a crash) replaces its file.
class OutboxTransport final : public MailTransport {
 public:
  explicit OutboxTransport(std::string directory);
  void deliver(const Envelope& envelope, const std::string& message, const std::string& id) override;

 private:
  std::string directory_;
};

}  // namespace emporium::notifications
