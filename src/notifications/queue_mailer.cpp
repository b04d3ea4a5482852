#include "notifications/queue_mailer.hpp"

#include "notifications/mail_store.hpp"

namespace emporium::notifications {

QueueMailer::QueueMailer(storage::Database& database, IdGenerator& ids, const Clock& clock, MailBranding branding,
                         std::function<void()> wake)
    : database_(database), ids_(ids), clock_(clock), branding_(std::move(branding)), wake_(std::move(wake)) {}

void QueueMailer::send(const MailMessage& message) {
  const QueuedMail mail{
      .id = ids_.next("msg"), .event_id = std::nullopt, .message = message, .created_at = clock_.now()};
  database_.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    MailStore::insert(connection, mail);
    return true;
  });
  wake_();
}

void QueueMailer::send_template(const std::string& to, std::string_view kind, const TemplateData& data) {
  auto message = render_mail(kind, data, branding_);
  message.to = to;
  send(message);
}

}  // namespace emporium::notifications
