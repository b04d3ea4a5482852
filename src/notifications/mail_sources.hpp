#pragma once
// What the mail planner reads about the people and orders an event names: read-only SQL over the users,
// orders, order_lines and products tables, in the dispatcher's transaction. (Linking the orders library
// here would make a cycle: orders → users → notifications.)

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"
#include "support/clock.hpp"

namespace emporium::notifications {

struct Recipient {
  std::string email = {};
  std::string name = {};
  bool order_updates = false;  // preferences.emailOrderUpdates
  bool active = false;         // neither disabled nor deleted
};

struct OrderLineForMail {
  std::string product_name = {};
  std::string sku = {};
  std::string options = {};  // "color: red, size: M"
  std::int64_t unit_price = 0;
  std::int64_t quantity = 0;
  std::int64_t line_total = 0;
  std::optional<std::string> carrier = {};
  std::optional<std::string> tracking_number = {};
};

struct OrderForMail {
  std::string id = {};
  std::string customer_id = {};
  std::string currency = {};
  std::int64_t subtotal = 0;
  std::int64_t discount = 0;
  std::int64_t shipping = 0;
  std::int64_t tax = 0;
  std::int64_t total = 0;
  std::optional<std::string> coupon_code = {};
  std::vector<std::string> address = {};  // the shipping address, one entry per line
  std::optional<std::string> invoice_number = {};
  Timestamp created_at = {};
  std::vector<OrderLineForMail> lines = {};
};

class MailSources {
 public:
  static std::optional<Recipient> recipient(storage::Connection& connection, std::string_view user_id);
  // With its lines, in order.
  static std::optional<OrderForMail> order(storage::Connection& connection, std::string_view order_id);
  static std::optional<std::string> product_name(storage::Connection& connection, std::string_view product_id);
};

}  // namespace emporium::notifications
