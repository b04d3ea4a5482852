#include "pricing/pricing.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "catalog/product_store.hpp"

namespace emporium::pricing {
namespace {

using catalog::Product;
using catalog::Variant;

// The variant a request names, or the product's only variant when it names none.
const Variant* choose_variant(const LineRequest& request, const std::vector<const Variant*>& variants,
                              LineIssue& issue) {
  if (request.variant_id) {
    for (const auto* variant : variants)
      if (variant->id == *request.variant_id) return variant;
    issue = LineIssue::VariantNotFound;
    return nullptr;
  }
  if (variants.size() == 1) return variants.front();
  issue = variants.empty() ? LineIssue::ProductUnavailable : LineIssue::VariantRequired;
  return nullptr;
}

PricedLine price_line(const LineRequest& request, const std::map<std::string, const Product*>& products,
                      const std::map<std::string, std::vector<const Variant*>>& variants,
                      const std::map<std::string, std::string>& category_paths) {
  PricedLine line{.request = request, .quantity = request.quantity};
  const auto product = products.find(request.product_id);
  if (product == products.end()) {
    line.issue = LineIssue::ProductUnavailable;
    return line;
  }
  const Product& found = *product->second;
  line.product_id = found.id;
  line.product_name = found.name;
  line.vendor_id = found.vendor_id;
  line.category_id = found.category_id;
  if (found.category_id) {
    if (auto path = category_paths.find(*found.category_id); path != category_paths.end())
      line.category_path = path->second;
  }
  line.currency = found.currency;
  const auto own = variants.find(found.id);
  static const std::vector<const Variant*> none;
  const Variant* variant = choose_variant(request, own == variants.end() ? none : own->second, line.issue);
  if (variant) {
    line.variant_id = variant->id;
    line.sku = variant->sku;
    line.options = variant->options;
    line.unit_price = variant->price;
    line.available = variant->stock;
    line.line_total = variant->price * request.quantity;
  }
  if (found.status != catalog::ProductStatus::Active) {
    line.issue = LineIssue::ProductUnavailable;
  } else if (variant && line.issue == LineIssue::None && variant->stock < request.quantity) {
    line.issue = LineIssue::InsufficientStock;
  }
  return line;
}

// Half up, for non-negative amounts: 0.5 minor units and more round away from zero. Split so that no product
// exceeds 64 bits for any amount an order can reach (500 lines × 10,000 units × 10^11).
std::int64_t apply_basis_points(std::int64_t amount, std::int64_t basis_points) {
  return amount / 10'000 * basis_points + (amount % 10'000 * basis_points + 5'000) / 10'000;
}

}  // namespace

std::string_view to_string(LineIssue issue) {
  switch (issue) {
    case LineIssue::None:
      return "none";
    case LineIssue::ProductUnavailable:
      return "product_unavailable";
    case LineIssue::VariantNotFound:
      return "variant_not_found";
    case LineIssue::VariantRequired:
      return "variant_required";
    case LineIssue::InsufficientStock:
      return "insufficient_stock";
  }
  return "none";
}

std::vector<PricedLine> price_lines(storage::Connection& connection, std::span<const LineRequest> requests) {
  std::vector<std::string> ids;
  for (const auto& request : requests) ids.push_back(request.product_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

  const auto products = catalog::ProductStore::find_many(connection, ids);
  const auto variants = catalog::ProductStore::variants_of(connection, ids);
  std::map<std::string, const Product*> products_by_id;
  std::set<std::string> category_ids;
  for (const auto& product : products) {
    products_by_id.emplace(product.id, &product);
    if (product.category_id) category_ids.insert(*product.category_id);
  }
  std::map<std::string, std::vector<const Variant*>> variants_by_product;
  for (const auto& variant : variants) variants_by_product[variant.product_id].push_back(&variant);
  const std::vector<std::string> categories(category_ids.begin(), category_ids.end());
  const auto paths = catalog::ProductStore::category_paths(connection, categories);

  std::vector<PricedLine> lines;
  lines.reserve(requests.size());
  for (const auto& request : requests) lines.push_back(price_line(request, products_by_id, variants_by_product, paths));
  return lines;
}

std::int64_t FlatRateShipping::shipping(std::int64_t goods, std::string_view, std::optional<std::string_view>) const {
  if (free_from_ && goods >= *free_from_) return 0;
  return rate_;
}

std::int64_t CountryTaxRates::tax(std::int64_t taxable, std::string_view,
                                  std::optional<std::string_view> country) const {
  if (!country || taxable <= 0) return 0;
  const auto rate = rates_.find(std::string(*country));
  return rate == rates_.end() ? 0 : apply_basis_points(taxable, rate->second);
}

Totals compute_totals(std::span<const PricedLine> lines, const Discount& discount, const PricingRules& rules,
                      std::optional<std::string_view> country) {
  Totals totals;
  for (const auto& line : lines) {
    totals.subtotal += line.line_total;
    if (totals.currency.empty()) totals.currency = line.currency;
  }
  totals.discount = std::clamp<std::int64_t>(discount.amount, 0, totals.subtotal);
  const auto goods = totals.subtotal - totals.discount;
  const bool has_goods = totals.subtotal > 0;
  totals.shipping = !has_goods || discount.free_shipping ? 0 : rules.shipping.shipping(goods, totals.currency, country);
  totals.tax = rules.tax.tax(goods, totals.currency, country);
  totals.total = goods + totals.shipping + totals.tax;
  return totals;
}

}  // namespace emporium::pricing
