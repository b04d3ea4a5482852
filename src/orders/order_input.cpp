#include "orders/order_input.hpp"

#include <limits>

#include "http/json_body.hpp"
#include "users/address_reader.hpp"
#include "users/address_service.hpp"

namespace emporium::orders {
namespace {
using http::ObjectReader;
using http::StringRule;

const StringRule kIdRule{.min_length = 1, .max_length = 100};
const StringRule kCouponRule{.min_length = 1, .max_length = 100};
const StringRule kNoteRule{.min_length = 1, .max_length = 1000};
const StringRule kShippingRule{.min_length = 1, .max_length = 100};
const StringRule kPaymentRule{.min_length = 1, .max_length = 20, .one_of = {"stripe", "paypal", "manual"}};

void read_optional_address(ObjectReader& reader, std::string_view key, std::optional<users::AddressInput>& out) {
  reader.object(key, false, [&out](ObjectReader& nested) {
    out.emplace();
    users::read_postal_address(nested, *out);
  });
}

void address_rules(std::vector<FieldError>& errors, std::string_view field,
                   std::optional<users::AddressInput>& address) {
  if (!address) return;
  address = users::normalised_address(std::move(*address));
  for (auto& error : users::address_errors(*address))
    errors.push_back({std::string(field) + "." + error.field, std::move(error.message)});
}

void read_place_order_fields(ObjectReader& reader, PlaceOrderInput& out, const InputLimits& limits) {
  const http::IntRule quantity{.min = 1, .max = limits.max_line_quantity};
  std::vector<ItemInput> items;
  reader.objects("items", false, static_cast<std::size_t>(limits.max_lines), [&](ObjectReader& item, std::size_t) {
    auto& line = items.emplace_back();
    item.required("productId", line.product_id, kIdRule);
    item.optional("variantId", line.variant_id, kIdRule);
    item.required("quantity", line.quantity, quantity);
  });
  if (!items.empty()) out.items = std::move(items);
  read_optional_address(reader, "shippingAddress", out.shipping_address);
  reader.optional("shippingAddressId", out.shipping_address_id, kIdRule);
  read_optional_address(reader, "billingAddress", out.billing_address);
  reader.optional("couponCode", out.coupon_code, kCouponRule);
  reader.required("paymentMethod", out.payment_method, kPaymentRule);
}

// Normalises the addresses in place and returns every rule the input breaks.
std::vector<FieldError> place_order_rules(PlaceOrderInput& input) {
  std::vector<FieldError> errors;
  if (input.items && input.items->empty()) errors.push_back({"items", "must have at least 1 item"});
  if (input.shipping_address && input.shipping_address_id)
    errors.push_back({"shippingAddressId", "cannot be sent together with shippingAddress"});
  address_rules(errors, "shippingAddress", input.shipping_address);
  address_rules(errors, "billingAddress", input.billing_address);
  return errors;
}
}  // namespace

Result<PlaceOrderInput> read_place_order(const http::Request& request, const InputLimits& limits) {
  auto parsed = http::parse_json_body(request);
  if (!parsed) return parsed.error();
  PlaceOrderInput out;
  std::vector<FieldError> errors;
  ObjectReader reader(*parsed, errors);
  if (reader.is_object()) {
    read_place_order_fields(reader, out, limits);
    // `objects` fills only what it finds: an empty array is still a (wrong) list of items.
    if (const auto* items = parsed->as_object().if_contains("items"); items && items->is_array())
      out.items.emplace(std::move(out.items).value_or(std::vector<ItemInput>{}));
    reader.reject_unknown();
    http::merge_field_errors(errors, place_order_rules(out));
  }
  if (!errors.empty()) return problems::validation_failed(std::move(errors));
  return out;
}

Result<StatusChange> read_status_change(const http::Request& request) {
  std::string status;
  const auto names = order_status_names();
  const StringRule status_rule{.min_length = 1, .max_length = 40, .one_of = {names.begin(), names.end()}};
  const auto fill = [&](ObjectReader& reader, StatusChange& out) {
    reader.required("status", status, status_rule);
    reader.optional("note", out.note, kNoteRule);
    reader.optional("carrier", out.carrier, kShippingRule);
    reader.optional("trackingNumber", out.tracking_number, kShippingRule);
  };
  auto change = http::read_json_body<StatusChange>(request, fill, [&](const StatusChange& read) {
    std::vector<FieldError> errors;
    if (status != "shipped") {
      if (read.carrier) errors.push_back({"carrier", "may only be sent with status shipped"});
      if (read.tracking_number) errors.push_back({"trackingNumber", "may only be sent with status shipped"});
    }
    return errors;
  });
  if (!change) return change.error();
  change->status = order_status_from_string(status).value_or(OrderStatus::PendingPayment);
  return change;
}

Result<std::optional<std::string>> read_cancel_note(const http::Request& request) {
  if (request.body.empty()) return std::optional<std::string>{};
  auto note = http::read_json_body<std::optional<std::string>>(
      request, [](ObjectReader& reader, std::optional<std::string>& out) { reader.optional("note", out, kNoteRule); });
  if (!note) return note.error();
  return std::move(*note);
}

}  // namespace emporium::orders
