#include "notifications/mail_planner.hpp"

#include <boost/json/parse.hpp>

#include "notifications/mail_store.hpp"
#include "notifications/order_mails.hpp"
#include "support/log.hpp"

namespace emporium::notifications {
namespace {
namespace json = boost::json;

json::object data_of(const events::StoredEvent& event) {
  boost::system::error_code error;
  auto value = json::parse(event.data, error);
  if (error || !value.is_object()) return {};
  return std::move(value.as_object());
}

}  // namespace

std::string_view order_mail_kind(const events::StoredEvent& event) {
  if (event.type == "order.created") return "order_placed";
  if (event.type == "order.paid") return "order_paid";
  if (event.type == "order.cancelled") return "order_cancelled";
  if (event.type == "order.refunded") return "order_refunded";
  if (event.type == "order.status_changed") {
    const auto data = data_of(event);
    const auto* to = data.if_contains("to");
    if (to != nullptr && to->is_string() && to->as_string() == "shipped") return "order_shipped";
  }
  return {};
}

MailPlanner::MailPlanner(IdGenerator& ids, const Clock& clock, MailBranding branding, std::function<void()> wake)
    : ids_(ids), clock_(clock), branding_(std::move(branding)), wake_(std::move(wake)) {}

bool MailPlanner::plan(storage::Connection& connection, const events::StoredEvent& event) {
  try {
    if (event.type == "product.low_stock") return plan_low_stock(connection, event);
    if (const auto kind = order_mail_kind(event); !kind.empty()) return plan_order_mail(connection, event, kind);
    return false;
  } catch (const TemplateError& e) {
    // A broken template would otherwise stop the whole event stream: this event goes without its mail.
    log::error("mail not planned", {{"event", event.id}, {"type", event.type}, {"error", e.what()}});
    return false;
  }
}

bool MailPlanner::plan_order_mail(storage::Connection& connection, const events::StoredEvent& event,
                                  std::string_view kind) {
  const auto order = MailSources::order(connection, event.subject_id);
  if (!order) return false;
  const auto customer = MailSources::recipient(connection, order->customer_id);
  if (!customer || !customer->active || !customer->order_updates) return false;
  auto data = order_mail_data(*order, data_of(event), branding_);
  data.values["name"] = customer->name;
  return queue(connection, event, kind, std::move(data), *customer);
}

bool MailPlanner::plan_low_stock(storage::Connection& connection, const events::StoredEvent& event) {
  if (!event.owner_id) return false;
  const auto vendor = MailSources::recipient(connection, *event.owner_id);
  if (!vendor || !vendor->active) return false;
  const auto data = data_of(event);
  const auto* product_id = data.if_contains("productId");
  if (product_id == nullptr || !product_id->is_string()) return false;
  const auto product = MailSources::product_name(connection, product_id->as_string());
  auto values = low_stock_mail_data(data, product.value_or("A product"), branding_);
  values.values["name"] = vendor->name;
  return queue(connection, event, "low_stock", std::move(values), *vendor);
}

bool MailPlanner::queue(storage::Connection& connection, const events::StoredEvent& event, std::string_view kind,
                        TemplateData data, const Recipient& to) {
  auto message = render_mail(kind, std::move(data), branding_);
  message.to = to.email;
  message.to_name = to.name;
  return MailStore::insert(
      connection,
      {.id = ids_.next("msg"), .event_id = event.id, .message = std::move(message), .created_at = clock_.now()});
}

}  // namespace emporium::notifications
