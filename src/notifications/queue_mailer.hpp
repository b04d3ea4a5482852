#pragma once

#include <functional>

#include "notifications/mail_templates.hpp"
#include "notifications/mailer.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::notifications {

// The application's Mailer: send() stores the message in the mail queue (its own transaction) and wakes
// the delivery worker; it returns before anything went out.
class QueueMailer final : public Mailer {
 public:
  QueueMailer(storage::Database& database, IdGenerator& ids, const Clock& clock, MailBranding branding,
              std::function<void()> wake);
  void send(const MailMessage& message) override;
  void send_template(const std::string& to, std::string_view kind, const TemplateData& data) override;

 private:
  storage::Database& database_;
  IdGenerator& ids_;
  const Clock& clock_;
  MailBranding branding_;
  std::function<void()> wake_;
};

}  // namespace emporium::notifications
