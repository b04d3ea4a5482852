#pragma once
// The mail templates of src/notifications/templates, compiled into the binary: for each kind
// <kind>.subject.txt, <kind>.txt and <kind>.html, the HTML body framed by layout.html.
//
// Values each kind uses (every kind also gets "store" and "storefront_url", which may be empty):
//   order_placed     name, order_id, placed_at, lines[product, options, sku, quantity, unit_price, line_total],
//                    subtotal, discount, coupon_code, shipping, tax, total, address[line], order_url
//   order_paid       name, order_id, total, invoice_number, order_url
//   order_shipped    name, order_id, shipments[products, carrier, tracking_number], order_url
//   order_cancelled  name, order_id, total, reason, refund, order_url
//   order_refunded   name, order_id, amount, total_refunded, total, order_url
//   password_reset   link (a URL with the token) or, when empty, code
//   low_stock        name, product, sku, stock, threshold, product_url
//   webhook_disabled name, url, endpoint_id, reason

#include <string>
#include <string_view>
#include <vector>

#include "notifications/mail_template.hpp"
#include "notifications/mailer.hpp"

namespace emporium::notifications {

struct MailBranding {
  std::string store_name = {};
  std::string storefront_url = {};  // without a trailing '/'; empty: no links
};

// Subject (one line), text and HTML of the kind; `to` is left empty. Throws TemplateError for an unknown
// kind or a value the template needs and `data` lacks.
MailMessage render_mail(std::string_view kind, TemplateData data, const MailBranding& branding);

// Every kind there are templates for.
std::vector<std::string> mail_kinds();

}  // namespace emporium::notifications
