#pragma once

#include <stdexcept>
#include <string>

namespace emporium::notifications {

struct Envelope {
  std::string from = {};  // the reverse path (MAIL FROM)
  std::string to = {};    // the one recipient (RCPT TO)
};

// A message was not delivered. Permanent: the server refused it for good (5xx) and retrying cannot help.
class DeliveryError : public std::runtime_error {
 public:
  DeliveryError(const std::string& message, bool permanent) : std::runtime_error(message), permanent_(permanent) {}
  bool permanent() const { return permanent_; }

 private:
  bool permanent_;
};

// Where formatted messages go: an SMTP server, or the outbox folder. Thread-safe.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // `id` names the message (msg_…): the same id may come again after a crash and must not make a second
  // copy where the transport can tell (the outbox overwrites its file). Throws DeliveryError.
  virtual void deliver(const Envelope& envelope, const std::string& message, const std::string& id) = 0;
};

}  // namespace emporium::notifications
