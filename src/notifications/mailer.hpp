#pragma once

#include <string>
#include <string_view>

#include "notifications/mail_template.hpp"

namespace emporium::notifications {

struct MailMessage {
  std::string to = {};  // the address
  std::string subject = {};
  std::string text = {};      // plain-text body, UTF-8
  std::string html = {};      // HTML alternative, UTF-8; empty: a text-only message
  std::string to_name = {};   // display name in To:, if any
  std::string kind = "note";  // the template it came from (logs, the queue)
};

// Sends mail. The application's mailer (NotificationsModule::mailer) stores the message in the mail queue
// and returns; a worker delivers it through SMTP or into the outbox folder, retrying with backoff.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // Throws when the message cannot be queued (database down); callers decide whether a lost mail matters.
  virtual void send(const MailMessage& message) = 0;
  // The template `kind` (src/notifications/templates: password_reset, webhook_disabled, …) rendered with
  // `data` and sent to `to`. The application's mailer adds the store's name and URL (values "store" and
  // "storefront_url"); this default leaves them empty.
  virtual void send_template(const std::string& to, std::string_view kind, const TemplateData& data);
};

}  // namespace emporium::notifications
