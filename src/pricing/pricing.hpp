#pragma once
// Prices lines from the current catalog and computes a basket's totals. Used by the cart (to show what an
// order would cost) and by orders (to freeze what it costs). All money is integer minor units.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace emporium::pricing {

// What a cart line or an order item asks for. Without a variant, the product's default variant (a product
// made without variants) or, when it has several, nothing: the line is `VariantRequired`.
struct LineRequest {
  std::string product_id = {};
  std::optional<std::string> variant_id = {};
  std::int64_t quantity = 0;
};

enum class LineIssue {
  None,
  ProductUnavailable,  // no such product, or not active (draft, archived)
  VariantNotFound,     // no such live variant of the product
  VariantRequired,     // the product has several variants and none was named
  InsufficientStock,   // fewer in stock than asked (stock is not reserved by pricing)
};
std::string_view to_string(LineIssue issue);  // "product_unavailable", …

// One line priced from the catalog as it is now.
struct PricedLine {
  LineRequest request = {};
  LineIssue issue = LineIssue::None;
  // Known when the product exists (whatever its status):
  std::string product_id = {};
  std::string product_name = {};
  std::string vendor_id = {};
  std::optional<std::string> category_id = {};
  std::string category_path = {};  // '/root/…/own/' of its category; empty without one (coupon scopes use it)
  std::string currency = {};
  // Known when the variant was found:
  std::string variant_id = {};
  std::string sku = {};
  std::map<std::string, std::string> options = {};
  std::int64_t unit_price = 0;
  std::int64_t available = 0;  // the variant's stock now
  std::int64_t quantity = 0;
  std::int64_t line_total = 0;  // unit_price × quantity
};

// Prices every request, in the order given, with one query for products and one for variants.
std::vector<PricedLine> price_lines(storage::Connection& connection, std::span<const LineRequest> requests);

// What a coupon takes off, as coupons computed it.
struct Discount {
  std::int64_t amount = 0;  // ≥ 0 and ≤ the subtotal of the lines it applies to
  bool free_shipping = false;
};

// Shipping for a basket. A store replaces it by implementing this interface.
class ShippingRule {
 public:
  virtual ~ShippingRule() = default;
  // `goods` is the subtotal after discount; `country` the ISO 3166-1 alpha-2 destination when known.
  virtual std::int64_t shipping(std::int64_t goods, std::string_view currency,
                                std::optional<std::string_view> country) const = 0;
};

// A flat rate per order, free from a threshold on (after discount). An empty basket is never asked about
// (compute_totals charges no shipping without goods); goods a coupon made free still travel.
class FlatRateShipping final : public ShippingRule {
 public:
  FlatRateShipping(std::int64_t rate, std::optional<std::int64_t> free_from) : rate_(rate), free_from_(free_from) {}
  std::int64_t shipping(std::int64_t goods, std::string_view currency,
                        std::optional<std::string_view> country) const override;

 private:
  std::int64_t rate_ = {};
  std::optional<std::int64_t> free_from_ = {};
};

// Tax for a basket. A store replaces it by implementing this interface.
class TaxRule {
 public:
  virtual ~TaxRule() = default;
  // `taxable` is the subtotal after discount (shipping is not taxed by the default rule).
  virtual std::int64_t tax(std::int64_t taxable, std::string_view currency,
                           std::optional<std::string_view> country) const = 0;
};

// A rate per destination country in basis points (1900 = 19 %), rounded half up to the minor unit; a
// country without a rate, or an unknown destination, pays none.
class CountryTaxRates final : public TaxRule {
 public:
  explicit CountryTaxRates(std::map<std::string, std::int64_t> basis_points) : rates_(std::move(basis_points)) {}
  std::int64_t tax(std::int64_t taxable, std::string_view currency,
                   std::optional<std::string_view> country) const override;

 private:
  std::map<std::string, std::int64_t> rates_ = {};
};

struct PricingRules {
  const ShippingRule& shipping;
  const TaxRule& tax;
};

struct Totals {
  std::int64_t subtotal = 0;  // Σ line totals
  std::int64_t discount = 0;
  std::int64_t shipping = 0;
  std::int64_t tax = 0;
  std::int64_t total = 0;  // subtotal − discount + shipping + tax
  std::string currency = {};
};

// The totals of `lines` (lines with an issue count as they are priced; callers decide whether to accept them).
Totals compute_totals(std::span<const PricedLine> lines, const Discount& discount, const PricingRules& rules,
                      std::optional<std::string_view> country);

}  // namespace emporium::pricing
