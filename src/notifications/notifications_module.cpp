#include "notifications/notifications_module.hpp"

#include "notifications/outbox_mailer.hpp"

namespace emporium::notifications {
namespace {
// Placeholder until the mail queue exists: plans nothing.
class NoMail final : public events::EventConsumer {
 public:
  std::string_view name() const override { return "mail"; }
  bool plan(storage::Connection&, const events::StoredEvent&) override { return false; }
};
}  // namespace

struct NotificationsModule::Parts {
  Parts(IdGenerator& ids, const Clock& clock, const MailSettings& settings)
      : outbox(settings.outbox_dir, settings.from, ids, clock) {}
  OutboxMailer outbox;
  NoMail consumer;
};

NotificationsModule::NotificationsModule(storage::Database& database, IdGenerator& ids, const Clock& clock,
                                         MailSettings settings)
    : database_(database),
      ids_(ids),
      clock_(clock),
      settings_(std::move(settings)),
      parts_(std::make_unique<Parts>(ids_, clock_, settings_)) {}

NotificationsModule::~NotificationsModule() { stop_jobs(); }

Mailer& NotificationsModule::mailer() { return parts_->outbox; }
events::EventConsumer& NotificationsModule::consumer() { return parts_->consumer; }
void NotificationsModule::start_jobs() {}
void NotificationsModule::stop_jobs() {}
std::size_t NotificationsModule::deliver_due() { return 0; }

}  // namespace emporium::notifications
