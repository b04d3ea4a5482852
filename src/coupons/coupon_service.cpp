#include "coupons/coupon_service.hpp"

#include <array>
#include <utility>

#include "catalog/product_store.hpp"
#include "coupons/coupon_errors.hpp"
#include "coupons/coupon_rules.hpp"
#include "coupons/coupon_store.hpp"

namespace emporium::coupons {
namespace {
using storage::Connection;
using storage::TxMode;

// Longer than any code: never looked up, only counted as a wrong guess.
constexpr std::size_t kMaxTypedCode = 100;

// The scope's ids must name products and categories that exist (in any status: a draft may be scoped ahead).
std::optional<Problem> unknown_scope_ids(Connection& connection, const Coupon& coupon) {
  if (catalog::ProductStore::find_many(connection, coupon.product_ids).size() != coupon.product_ids.size())
    return errors::unknown_ids("productIds", "product");
  if (catalog::ProductStore::category_paths(connection, coupon.category_ids).size() != coupon.category_ids.size())
    return errors::unknown_ids("categoryIds", "category");
  return std::nullopt;
}

audit::AuditEntry audit_entry(const CouponActor& actor, std::string action, const Coupon& coupon) {
  return audit::AuditEntry{.actor_id = actor.user_id,
                           .action = std::move(action),
                           .target_type = "coupon",
                           .target_id = coupon.id,
                           .details = {{"code", coupon.code}, {"type", std::string(to_string(coupon.type))}},
                           .client_ip = actor.client_ip};
}

Result<CouponInput> valid(CouponInput input) {
  input = normalised_coupon_input(std::move(input));
  if (auto errors = coupon_input_errors(input); !errors.empty()) return problems::validation_failed(std::move(errors));
  return input;
}

std::vector<std::string> guess_keys(const CouponRequest& request) {
  std::vector<std::string> keys;
  if (!request.customer_id.empty()) keys.push_back("coupon-customer:" + request.customer_id);
  if (!request.client_ip.empty()) keys.push_back("coupon-ip:" + request.client_ip);
  return keys;
}
}  // namespace

CouponService::CouponService(Dependencies dependencies, users::ThrottleRule guesses)
    : deps_(dependencies), guesses_(guesses), throttle_(dependencies.clock) {}

CouponPage CouponService::list(const CouponFilter& filter) {
  return storage::with_connection(deps_.database,
                                  [&](Connection& connection) { return CouponStore::list(connection, filter); });
}

Result<Coupon> CouponService::get(const std::string& id) {
  if (!is_valid_id(id, kCouponIdPrefix)) return errors::coupon_not_found();
  auto coupon = storage::with_connection(deps_.database,
                                         [&](Connection& connection) { return CouponStore::find(connection, id); });
  if (!coupon) return errors::coupon_not_found();
  return std::move(*coupon);
}

Result<Coupon> CouponService::create(const CouponActor& actor, CouponInput input) {
  return write(actor, deps_.ids.next(kCouponIdPrefix), std::move(input), true);
}

Result<Coupon> CouponService::replace(const CouponActor& actor, const std::string& id, CouponInput input) {
  if (!is_valid_id(id, kCouponIdPrefix)) return errors::coupon_not_found();
  return write(actor, id, std::move(input), false);
}

// A code taken by a concurrent write is caught by the unique index: ON CONFLICT DO NOTHING on insert, a
// ConstraintViolation on update (the transaction is then rolled back as a whole).
Result<Coupon> CouponService::write(const CouponActor& actor, const std::string& id, CouponInput input, bool creating) {
  auto checked = valid(std::move(input));
  if (!checked) return checked.error();
  try {
    return storage::transact(deps_.database, TxMode::Write, [&](Connection& connection) -> Result<Coupon> {
      auto coupon = coupon_from_input(*checked);
      coupon.id = id;
      coupon.created_at = coupon.updated_at = deps_.clock.now();
      if (!creating) {
        const auto existing = CouponStore::find(connection, id);
        if (!existing) return errors::coupon_not_found();
        coupon.created_at = existing->created_at;
        coupon.times_used = existing->times_used;
      }
      if (auto problem = unknown_scope_ids(connection, coupon)) return std::move(*problem);
      if (CouponStore::code_taken(connection, coupon.code, id)) return errors::code_taken();
      const bool written = creating ? CouponStore::insert(connection, coupon) : CouponStore::update(connection, coupon);
      if (!written) return creating ? errors::code_taken() : errors::coupon_not_found();
      CouponStore::replace_scope(connection, coupon);
      deps_.audit.record(connection, audit_entry(actor, creating ? "coupon.created" : "coupon.updated", coupon));
      return coupon;
    });
  } catch (const storage::ConstraintViolation& violation) {
    if (violation.kind() != storage::ConstraintViolation::Kind::Unique) throw;
    return errors::code_taken();
  }
}

Result<void> CouponService::remove(const CouponActor& actor, const std::string& id) {
  if (!is_valid_id(id, kCouponIdPrefix)) return errors::coupon_not_found();
  return storage::transact(deps_.database, TxMode::Write, [&](Connection& connection) -> Result<void> {
    const auto coupon = CouponStore::find(connection, id);
    if (!coupon || !CouponStore::soft_delete(connection, id, deps_.clock.now())) return errors::coupon_not_found();
    deps_.audit.record(connection, audit_entry(actor, "coupon.deleted", *coupon));
    return {};
  });
}

Result<AppliedCoupon> CouponService::apply(Connection& connection, const CouponRequest& request,
                                           std::span<const pricing::PricedLine> lines) {
  for (const auto& key : guess_keys(request)) {
    if (const auto wait = throttle_.blocked_for(key, guesses_)) return errors::guesses_throttled(*wait);
  }
  return evaluate(connection, request, lines, true);
}

Result<AppliedCoupon> CouponService::recheck(Connection& connection, const CouponRequest& request,
                                             std::span<const pricing::PricedLine> lines) {
  return evaluate(connection, request, lines, false);
}

Result<AppliedCoupon> CouponService::evaluate(Connection& connection, const CouponRequest& request,
                                              std::span<const pricing::PricedLine> lines, bool count_guess) {
  const auto coupon =
      request.code.size() > kMaxTypedCode ? std::nullopt : CouponStore::find_by_code(connection, request.code);
  if (!coupon) {
    if (count_guess) {
      for (const auto& key : guess_keys(request)) throttle_.record_failure(key, guesses_);
    }
    return errors::coupon_not_found();
  }
  const auto used = coupon->per_customer_limit && !request.customer_id.empty()
                        ? CouponStore::customer_redemptions(connection, coupon->id, request.customer_id)
                        : 0;
  auto discount = discount_for(*coupon, lines, deps_.clock.now(), used);
  if (!discount) return discount.error();
  return AppliedCoupon{.coupon_id = coupon->id,
                       .code = coupon->code,
                       .type = std::string(to_string(coupon->type)),
                       .discount = *discount};
}

// The conditional update locks the coupon's row (PostgreSQL) until the order commits, so the per-customer count
// that follows sees every redemption committed before it and none can slip in until this one commits.
Result<void> CouponService::redeem(Connection& connection, const AppliedCoupon& coupon, std::string_view customer_id,
                                   std::string_view order_id) {
  const auto now = deps_.clock.now();
  const auto counted = CouponStore::count_use(connection, coupon.coupon_id, now);
  if (!counted) return errors::coupon_exhausted();
  if (counted->per_customer_limit &&
      CouponStore::customer_redemptions(connection, coupon.coupon_id, customer_id) >= *counted->per_customer_limit)
    return errors::coupon_exhausted();
  CouponStore::insert_redemption(connection, coupon.coupon_id, customer_id, order_id, now);
  return {};
}

void CouponService::give_back(Connection& connection, std::string_view coupon_id, std::string_view order_id) {
  if (CouponStore::delete_redemption(connection, coupon_id, order_id))
    CouponStore::uncount_use(connection, coupon_id, deps_.clock.now());
}

}  // namespace emporium::coupons
