#include "coupons/coupon_rules.hpp"

#include <algorithm>
#include <set>

#include "coupons/coupon_errors.hpp"
#include "support/currency.hpp"
#include "support/ids.hpp"
#include "support/strings.hpp"

namespace emporium::coupons {
namespace {

bool is_code_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

void check_code(std::vector<FieldError>& errors, std::string_view code) {
  if (code.size() < 3 || code.size() > 40) {
    errors.push_back({"code", "must be 3 to 40 characters"});
  } else if (!std::all_of(code.begin(), code.end(), is_code_character)) {
    errors.push_back({"code", "may hold only letters A-Z, digits, '_' and '-'"});
  }
}

void check_value(std::vector<FieldError>& errors, const CouponInput& input, CouponType type) {
  const auto value = input.value;
  switch (type) {
    case CouponType::Percentage:
      if (!value)
        errors.push_back({"value", "is required for a percentage coupon"});
      else if (*value < 1 || *value > 100)
        errors.push_back({"value", "must be a whole percent from 1 to 100"});
      break;
    case CouponType::Fixed:
      if (!value)
        errors.push_back({"value", "is required for a fixed coupon"});
      else if (*value < 1 || *value > kMaxAmount)
        errors.push_back({"value", "must be 1 to " + std::to_string(kMaxAmount) + " minor units"});
      if (!input.currency) errors.push_back({"currency", "is required for a fixed coupon"});
      break;
    case CouponType::FreeShipping:
      if (value && *value != 0) errors.push_back({"value", "must be 0 or absent for a free_shipping coupon"});
      break;
  }
}

void check_dates(std::vector<FieldError>& errors, const CouponInput& input) {
  std::optional<Timestamp> starts;
  std::optional<Timestamp> expires;
  if (input.starts_at && !(starts = parse_iso8601(*input.starts_at)))
    errors.push_back({"startsAt", "must be an ISO 8601 timestamp"});
  if (input.expires_at && !(expires = parse_iso8601(*input.expires_at)))
    errors.push_back({"expiresAt", "must be an ISO 8601 timestamp"});
  if (starts && expires && *expires <= *starts) errors.push_back({"expiresAt", "must be after startsAt"});
}

void check_ids(std::vector<FieldError>& errors, std::string_view field, const std::vector<std::string>& ids,
               std::string_view prefix) {
  if (ids.size() > kMaxScopeIds) {
    errors.push_back({std::string(field), "must hold at most " + std::to_string(kMaxScopeIds) + " ids"});
    return;
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!is_valid_id(ids[i], prefix)) {
      errors.push_back(
          {std::string(field) + "[" + std::to_string(i) + "]", "must be a " + std::string(prefix) + "_ id"});
    }
  }
}

void unique_in_place(std::vector<std::string>& ids) {
  std::set<std::string> seen;
  std::erase_if(ids, [&](const std::string& id) { return !seen.insert(id).second; });
}

bool in_category(const Coupon& coupon, const pricing::PricedLine& line) {
  if (line.category_path.empty()) return false;
  return std::any_of(coupon.category_ids.begin(), coupon.category_ids.end(), [&](const std::string& id) {
    return line.category_path.find("/" + id + "/") != std::string::npos;
  });
}

// The checks that do not depend on the lines, in the documented order.
std::optional<Problem> unusable_now(const Coupon& coupon, Timestamp now, std::int64_t customer_redemptions) {
  if (!coupon.active) return errors::coupon_inactive();
  if (coupon.starts_at && now < *coupon.starts_at) return errors::coupon_not_started();
  if (coupon.expires_at && now >= *coupon.expires_at) return errors::coupon_expired();
  if (coupon.usage_limit && coupon.times_used >= *coupon.usage_limit) return errors::usage_limit_reached();
  if (coupon.per_customer_limit && customer_redemptions >= *coupon.per_customer_limit)
    return errors::customer_limit_reached();
  return std::nullopt;
}

}  // namespace

std::vector<FieldError> coupon_input_errors(const CouponInput& input) {
  std::vector<FieldError> errors;
  check_code(errors, input.code);
  const auto type = coupon_type_from_string(input.type);
  if (!type)
    errors.push_back({"type", "must be one of percentage, fixed, free_shipping"});
  else
    check_value(errors, input, *type);
  if (input.currency && !is_currency_code(*input.currency))
    errors.push_back({"currency", "must be an ISO 4217 currency code, like USD"});
  if (input.min_subtotal && (*input.min_subtotal < 0 || *input.min_subtotal > kMaxAmount))
    errors.push_back({"minSubtotal", "must be 0 to " + std::to_string(kMaxAmount) + " minor units"});
  check_dates(errors, input);
  if (input.usage_limit && *input.usage_limit < 1) errors.push_back({"usageLimit", "must be at least 1"});
  if (input.per_customer_limit && *input.per_customer_limit < 1)
    errors.push_back({"perCustomerLimit", "must be at least 1"});
  check_ids(errors, "productIds", input.product_ids, "prod");
  check_ids(errors, "categoryIds", input.category_ids, "cat");
  return errors;
}

CouponInput normalised_coupon_input(CouponInput input) {
  if (input.currency) {
    std::string upper(*input.currency);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    input.currency = std::move(upper);
  }
  unique_in_place(input.product_ids);
  unique_in_place(input.category_ids);
  return input;
}

Coupon coupon_from_input(const CouponInput& input) {
  Coupon coupon;
  coupon.code = input.code;
  coupon.type = coupon_type_from_string(input.type).value_or(CouponType::Percentage);
  coupon.value = coupon.type == CouponType::FreeShipping ? 0 : input.value.value_or(0);
  coupon.currency = input.currency;
  coupon.min_subtotal = input.min_subtotal.value_or(0);
  if (input.starts_at) coupon.starts_at = parse_iso8601(*input.starts_at);
  if (input.expires_at) coupon.expires_at = parse_iso8601(*input.expires_at);
  coupon.usage_limit = input.usage_limit;
  coupon.per_customer_limit = input.per_customer_limit;
  coupon.active = input.active.value_or(true);
  coupon.product_ids = input.product_ids;
  coupon.category_ids = input.category_ids;
  return coupon;
}

std::string code_key(std::string_view code) { return to_lower_ascii(code); }

bool in_scope(const Coupon& coupon, const pricing::PricedLine& line) {
  if (coupon.product_ids.empty() && coupon.category_ids.empty()) return true;
  const auto& products = coupon.product_ids;
  if (std::find(products.begin(), products.end(), line.product_id) != products.end()) return true;
  return in_category(coupon, line);
}

std::int64_t eligible_subtotal(const Coupon& coupon, std::span<const pricing::PricedLine> lines) {
  std::int64_t eligible = 0;
  for (const auto& line : lines) {
    if (in_scope(coupon, line)) eligible += line.line_total;
  }
  return eligible;
}

std::int64_t percent_of(std::int64_t amount, std::int64_t percent) {
  // (q·100 + r)·p / 100 = q·p + r·p / 100: exact floor, and r·p < 100·100 cannot overflow.
  return amount / 100 * percent + amount % 100 * percent / 100;
}

Result<pricing::Discount> discount_for(const Coupon& coupon, std::span<const pricing::PricedLine> lines, Timestamp now,
                                       std::int64_t customer_redemptions) {
  if (auto problem = unusable_now(coupon, now, customer_redemptions)) return std::move(*problem);
  const std::string currency = lines.empty() ? std::string() : lines.front().currency;
  if (coupon.currency && !lines.empty() && *coupon.currency != currency)
    return errors::currency_mismatch(*coupon.currency);
  std::int64_t subtotal = 0;
  for (const auto& line : lines) subtotal += line.line_total;
  if (subtotal < coupon.min_subtotal) return errors::min_subtotal_not_met(coupon.min_subtotal);
  const bool any_in_scope =
      std::any_of(lines.begin(), lines.end(), [&](const auto& line) { return in_scope(coupon, line); });
  if (!any_in_scope) return errors::not_applicable();
  const auto eligible = eligible_subtotal(coupon, lines);
  switch (coupon.type) {
    case CouponType::Percentage:
      return pricing::Discount{.amount = std::clamp<std::int64_t>(percent_of(eligible, coupon.value), 0, eligible),
                               .free_shipping = false};
    case CouponType::Fixed:
      return pricing::Discount{.amount = std::clamp<std::int64_t>(coupon.value, 0, eligible), .free_shipping = false};
    case CouponType::FreeShipping:
      return pricing::Discount{.amount = 0, .free_shipping = true};
  }
  return pricing::Discount{};
}

std::string_view to_string(CouponType type) {
  switch (type) {
    case CouponType::Percentage:
      return "percentage";
    case CouponType::Fixed:
      return "fixed";
    case CouponType::FreeShipping:
      return "free_shipping";
  }
  return "percentage";
}

std::optional<CouponType> coupon_type_from_string(std::string_view text) {
  if (text == "percentage") return CouponType::Percentage;
  if (text == "fixed") return CouponType::Fixed;
  if (text == "free_shipping") return CouponType::FreeShipping;
  return std::nullopt;
}

}  // namespace emporium::coupons
