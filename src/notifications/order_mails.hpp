#pragma once
// The values of the customer mails about an order (order_placed, _paid, _shipped, _cancelled, _refunded) and
// of the vendor's low-stock mail: plain functions from what the planner read to TemplateData.

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "notifications/mail_sources.hpp"
#include "notifications/mail_template.hpp"
#include "notifications/mail_templates.hpp"

namespace emporium::notifications {

// "27 Nov 2026, 10:00 UTC".
std::string format_mail_date(Timestamp at);

// Every value the order templates use, from the order and the event's `data` (the reason of a cancellation,
// the amounts of a refund). "name" is the caller's.
TemplateData order_mail_data(const OrderForMail& order, const boost::json::object& event_data,
                             const MailBranding& branding);

// The low_stock values from the event's `data` ({productId, variantId, sku, stock, threshold}).
TemplateData low_stock_mail_data(const boost::json::object& event_data, const std::string& product_name,
                                 const MailBranding& branding);

}  // namespace emporium::notifications
