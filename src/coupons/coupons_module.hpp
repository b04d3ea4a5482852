#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "audit/audit_log.hpp"
#include "coupons/coupon_redemption.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"
#include "support/clock.hpp"
#include "support/ids.hpp"

namespace emporium::coupons {

class CouponService;

struct CouponSettings {
  std::int64_t wrong_guesses = 10;  // unknown codes per user and per IP in one window before 429
  std::chrono::seconds guess_window{15 * 60};
};

// Coupons: admin CRUD, and applying and redeeming them for the cart and orders.
class CouponsModule {
 public:
  CouponsModule(storage::Database& database, IdGenerator& ids, const Clock& clock, audit::AuditLog& audit,
                CouponSettings settings);
  ~CouponsModule();

  void register_routes(http::Router& router);
  CouponRedemptions& redemptions();

 private:
  storage::Database& database_;
  IdGenerator& ids_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  CouponSettings settings_;
  std::unique_ptr<CouponService> service_;
};

}  // namespace emporium::coupons
