#include "coupons/coupon_json.hpp"

#include <boost/json/array.hpp>

#include <limits>

#include "coupons/coupon_rules.hpp"
#include "http/json_body.hpp"

namespace emporium::coupons {
namespace {
// Lengths and formats are the rules' (coupon_input_errors): the reader only checks types here.
const http::StringRule kAnyText{.min_length = 0, .max_length = std::numeric_limits<std::size_t>::max()};

boost::json::value optional_time(const std::optional<Timestamp>& time) {
  if (!time) return nullptr;
  return boost::json::string(to_iso8601(*time));
}

template <class T>
boost::json::value or_null(const std::optional<T>& value) {
  if (!value) return nullptr;
  return boost::json::value(*value);
}

boost::json::array id_array(const std::vector<std::string>& ids) {
  boost::json::array out;
  for (const auto& id : ids) out.emplace_back(id);
  return out;
}

// Takes an array of ids out of the body (ObjectReader reads no arrays of strings), so that the reader then sees
// only the other fields. null means absent.
void take_ids(boost::json::object& body, std::string_view key, std::vector<std::string>& out,
              std::vector<FieldError>& errors) {
  const auto found = body.find(key);
  if (found == body.end()) return;
  const auto value = std::move(found->value());
  body.erase(found);
  if (value.is_null()) return;
  const auto* items = value.if_array();
  if (!items) return errors.push_back({std::string(key), "must be an array of ids"});
  if (items->size() > kMaxScopeIds)
    return errors.push_back({std::string(key), "must hold at most " + std::to_string(kMaxScopeIds) + " ids"});
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (const auto* id = (*items)[i].if_string())
      out.emplace_back(*id);
    else
      errors.push_back({std::string(key) + "[" + std::to_string(i) + "]", "must be a string"});
  }
}

void read_fields(http::ObjectReader& reader, CouponInput& out) {
  reader.required("code", out.code, kAnyText);
  reader.required("type", out.type, kAnyText);
  reader.optional("value", out.value);
  reader.optional("currency", out.currency, kAnyText);
  reader.optional("minSubtotal", out.min_subtotal);
  reader.optional("startsAt", out.starts_at, kAnyText);
  reader.optional("expiresAt", out.expires_at, kAnyText);
  reader.optional("usageLimit", out.usage_limit);
  reader.optional("perCustomerLimit", out.per_customer_limit);
  reader.optional("active", out.active);
}
}  // namespace

boost::json::object to_json(const Coupon& coupon) {
  return {{"id", coupon.id},
          {"code", coupon.code},
          {"type", to_string(coupon.type)},
          {"value", coupon.value},
          {"currency", or_null(coupon.currency)},
          {"minSubtotal", coupon.min_subtotal},
          {"startsAt", optional_time(coupon.starts_at)},
          {"expiresAt", optional_time(coupon.expires_at)},
          {"usageLimit", or_null(coupon.usage_limit)},
          {"perCustomerLimit", or_null(coupon.per_customer_limit)},
          {"productIds", id_array(coupon.product_ids)},
          {"categoryIds", id_array(coupon.category_ids)},
          {"active", coupon.active},
          {"timesUsed", coupon.times_used},
          {"createdAt", to_iso8601(coupon.created_at)},
          {"updatedAt", to_iso8601(coupon.updated_at)}};
}

Result<CouponInput> read_coupon_input(const http::Request& request) {
  auto parsed = http::parse_json_body(request);
  if (!parsed) return parsed.error();
  CouponInput out;
  std::vector<FieldError> errors;
  if (auto* body = parsed->if_object()) {
    take_ids(*body, "productIds", out.product_ids, errors);
    take_ids(*body, "categoryIds", out.category_ids, errors);
  }
  http::ObjectReader reader(*parsed, errors);
  if (reader.is_object()) {
    read_fields(reader, out);
    reader.reject_unknown();
    http::merge_field_errors(errors, coupon_input_errors(normalised_coupon_input(out)));
  }
  if (!errors.empty()) return problems::validation_failed(std::move(errors));
  return out;
}

}  // namespace emporium::coupons
