#include "notifications/notifications_module.hpp"

#include "notifications/mail_delivery.hpp"
#include "notifications/mail_planner.hpp"
#include "notifications/outbox_transport.hpp"
#include "notifications/queue_mailer.hpp"
#include "notifications/smtp_transport.hpp"
#include "support/log.hpp"
#include "support/periodic_job.hpp"

namespace emporium::notifications {
namespace {

std::unique_ptr<MailTransport> make_transport(const MailSettings& settings) {
  if (settings.smtp_url.empty()) return std::make_unique<OutboxTransport>(settings.outbox_dir);
  return std::make_unique<SmtpTransport>(SmtpSettings{.url = settings.smtp_url});
}

}  // namespace

struct NotificationsModule::Parts {
  Parts(storage::Database& database, IdGenerator& ids, const Clock& clock, const MailSettings& settings)
      : branding{.store_name = settings.store_name, .storefront_url = settings.storefront_url},
        transport(make_transport(settings)),
        delivery(database, clock, *transport, {.from = settings.from, .retry_schedule = settings.retry_schedule}),
        job("mail delivery", settings.interval, [this](const auto& stopping) { delivery.deliver_due(stopping); }),
        mailer(database, ids, clock, branding, [this] { job.wake(); }),
        planner(ids, clock, branding, [this] { job.wake(); }) {}

  MailBranding branding;
  std::unique_ptr<MailTransport> transport;
  MailDelivery delivery;
  PeriodicJob job;
  QueueMailer mailer;
  MailPlanner planner;
};

NotificationsModule::NotificationsModule(storage::Database& database, IdGenerator& ids, const Clock& clock,
                                         MailSettings settings)
    : database_(database),
      ids_(ids),
      clock_(clock),
      settings_(std::move(settings)),
      parts_(std::make_unique<Parts>(database_, ids_, clock_, settings_)) {}

NotificationsModule::~NotificationsModule() { stop_jobs(); }

Mailer& NotificationsModule::mailer() { return parts_->mailer; }
events::EventConsumer& NotificationsModule::consumer() { return parts_->planner; }

void NotificationsModule::start_jobs() {
  log::info("mail delivery", {{"transport", settings_.smtp_url.empty() ? "outbox" : "smtp"},
                              {"outbox", settings_.smtp_url.empty() ? settings_.outbox_dir : ""}});
  parts_->job.start();
  parts_->job.wake();  // what a previous run left queued goes out now, not after the first interval
}

void NotificationsModule::stop_jobs() { parts_->job.stop(); }

std::size_t NotificationsModule::deliver_due() { return parts_->delivery.deliver_due(); }

}  // namespace emporium::notifications
