#include "app/demo_seed.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "catalog/slug.hpp"
#include "support/random.hpp"
#include "support/strings.hpp"
#include "users/user_store.hpp"

namespace emporium::app {
namespace {
constexpr std::string_view kIsSeeded = "SELECT 1 FROM app_settings WHERE key = $1";
constexpr std::string_view kMarkSeeded =
    "INSERT INTO app_settings (key, value, updated_at) VALUES ($1, 'true', $2) ON CONFLICT (key) DO NOTHING";
constexpr std::string_view kAccountsMarker = "demo_seeded";
constexpr std::string_view kCatalogMarker = "demo_catalog_seeded";

struct DemoProfile {
  http::Role role;
  std::string_view email;
  std::string_view name;
};
constexpr DemoProfile kAccounts[] = {
    {http::Role::Admin, "admin@demo.emporium.test", "Demo Admin"},
    {http::Role::Vendor, "vendor@demo.emporium.test", "Demo Vendor"},
    {http::Role::Customer, "customer@demo.emporium.test", "Demo Customer"},
};

// The slugs and names are those of `seed --products`, which reuses these categories when they exist.
struct DemoCategory {
  std::string_view slug;
  std::string_view name;
  std::string_view parent;  // a slug; "" for a department
  std::string_view description;
};
constexpr DemoCategory kCategories[] = {
    {"electronics", "Electronics", "", "Audio, computers, cameras and a smarter home."},
    {"audio", "Audio", "electronics", "Headphones, speakers and turntables."},
    {"home-kitchen", "Home & Kitchen", "", "Cookware, furniture, bedding and decor for every room."},
    {"cookware", "Cookware", "home-kitchen", "Pans and pots that last a lifetime."},
    {"home-decor", "Home Decor", "home-kitchen", "Lamps, rugs and the finishing touches."},
    {"clothing", "Clothing", "", "Clothes, shoes and accessories for every season."},
    {"shoes", "Shoes", "clothing", "Sneakers, boots and everything between."},
    {"accessories", "Accessories", "clothing", "Scarves, belts and wallets."},
};

struct DemoProduct {
  std::string_view name;        // its slug is made from it
  std::string_view category;    // a slug
  std::string_view attributes;  // "brand|color|material"
  std::int64_t price;           // cents, USD
  std::string_view option;      // "": one default variant
  std::string_view values;      // of the option, "a|b|c"
  std::int64_t stock;           // per variant
  bool active;
  std::string_view description;
};
constexpr DemoProduct kProducts[] = {
    {"Aurora Wireless Headphones", "audio", "Voltra|Black|Aluminium", 12900, "color", "Black|White|Sand", 25, true,
     "Over-ear headphones with active noise cancelling and 30 hours of battery. Memory-foam cushions make long "
     "listening sessions easy."},
    {"Pebble Bluetooth Speaker", "audio", "Sonique|Coral|Silicone", 4900, "color", "Coral|Navy|Olive", 40, true,
     "A palm-sized speaker with surprisingly deep bass. Splash-proof, so it goes to the beach and the shower."},
    {"Studio Walnut Turntable", "audio", "Arcwave|Brown|Walnut", 24900, "", "", 8, true,
     "A belt-driven turntable on a solid walnut plinth. The built-in preamp plugs into any speaker."},
    {"Tide True Wireless Earbuds", "audio", "Voltra|White|Plastic", 7900, "color", "Black|White", 60, true,
     "Tiny earbuds with a pocketable charging case. Six hours per charge, twenty-four with the case."},
    {"Halo Smart Soundbar", "audio", "Sonique|Charcoal|Fabric", 19900, "", "", 0, true,
     "A slim soundbar with a voice assistant built in. Sold out until the next shipment arrives."},
    {"Heritage Cast Iron Skillet", "cookware", "Hearth & Co|Black|Cast Iron", 3900, "size", "20 cm|24 cm|28 cm", 30,
     true, "Pre-seasoned cast iron that goes from the stove to the oven to the table. Gets better with every use."},
    {"Copper Core Saucepan", "cookware", "Maison Blanc|Copper|Stainless Steel", 8900, "size", "16 cm|18 cm|20 cm", 12,
     true, "A copper core spreads heat evenly for sauces that never catch. Dishwasher safe."},
    {"Everyday Enamel Dutch Oven", "cookware", "Casa Verde|Ivory|Enamel", 11900, "color", "Ivory|Forest Green|Burgundy",
     10, true, "Slow-cook, braise and bake bread in one heavy enamelled pot with a tight-fitting lid."},
    {"Carbon Steel Wok", "cookware", "Hearth & Co|Black|Carbon Steel", 4500, "", "", 15, true,
     "A light, fast-heating wok for proper stir-fries. Season it once and it becomes naturally non-stick."},
    {"Ceramic Nonstick Frying Pan", "cookware", "Nordhus|Sand|Ceramic", 3400, "", "", 20, false,
     "A PFAS-free ceramic coating for eggs and pancakes. Coming soon."},
    {"Trailrunner Mesh Running Shoes", "shoes", "Wildcoast|Navy|Mesh", 11900, "size", "40|42|44", 18, true,
     "Grippy, breathable running shoes for trails and tarmac alike. A rock plate protects every stride."},
    {"Classic Leather Chelsea Boots", "shoes", "Fieldhouse|Brown|Leather", 16900, "size", "41|43|45", 9, true,
     "Full-grain leather boots with elastic sides and a Goodyear-welted sole that can be resoled for years."},
    {"Canvas Everyday Sneakers", "shoes", "Urbane|White|Canvas", 5900, "size", "39|41|43", 35, true,
     "Simple canvas sneakers with a natural rubber sole. They go with everything."},
    {"Suede Weekend Loafers", "shoes", "Atelier Nove|Sand|Suede", 9900, "size", "40|42|44", 0, true,
     "Soft suede loafers you can wear without socks. Sold out in every size for now."},
    {"Cork Footbed Sandals", "shoes", "Wildcoast|Olive|Cork", 4900, "size", "38|40|42", 14, false,
     "Sandals with a cork footbed that moulds to your feet. Arriving next season."},
    {"Merino Wool Scarf", "accessories", "Northline|Grey|Merino Wool", 3900, "color", "Grey|Navy|Burgundy", 22, true,
     "A fine merino scarf, warm without the itch. Knitted in a small mill in Portugal."},
    {"Full-Grain Leather Belt", "accessories", "Fieldhouse|Brown|Leather", 4500, "size", "S|M|L", 16, true,
     "A vegetable-tanned leather belt with a solid brass buckle. It ages beautifully."},
    {"Slim Leather Wallet", "accessories", "Atelier Nove|Black|Leather", 5500, "color", "Black|Sand", 28, true,
     "Holds eight cards and a few notes without the bulk. RFID blocking lining."},
    {"Stoneware Table Lamp", "home-decor", "Nordhus|Ivory|Stoneware", 6900, "", "", 12, true,
     "A hand-thrown stoneware base with a linen shade. Each glaze comes out a little different."},
    {"Handwoven Jute Rug", "home-decor", "Casa Verde|Sand|Jute", 12900, "size", "120 x 180 cm|160 x 230 cm", 6, true,
     "A natural jute rug woven by hand. Hard-wearing enough for a hallway, soft enough for a bedroom."},
};

bool is_marked(storage::Database& database, std::string_view marker) {
  return storage::with_connection(
      database, [&](storage::Connection& connection) { return !connection.query(kIsSeeded, {marker}).empty(); });
}

void mark(storage::Database& database, const Clock& clock, std::string_view marker) {
  database.with_connection([&](storage::Connection& connection) {
    connection.execute(kMarkSeeded, {marker, to_unix_millis(clock.now())});
  });
}

// Creates the account unless it exists (a run that failed half-way, or a concurrent seeder, made it).
std::optional<DemoAccount> create(users::AuthService& auth, const DemoProfile& profile) {
  DemoAccount account{std::string(http::to_string(profile.role)), std::string(profile.email), random_token(12)};
  const auto created = auth.create_account(
      {.email = account.email, .password = account.password, .name = std::string(profile.name)}, profile.role);
  if (created) return account;
  if (created.error().code == "email_taken") return std::nullopt;
  throw std::runtime_error("demo " + account.role + " not created: " + created.error().detail);
}

std::string user_id_by_email(storage::Database& database, std::string_view email) {
  auto found = storage::with_connection(
      database, [&](storage::Connection& connection) { return users::UserStore::find_by_email(connection, email); });
  if (!found) throw std::runtime_error("the demo account " + std::string(email) + " no longer exists");
  return found->user.id;
}

// The category with this slug, made when missing; true in `made` when this run made it.
std::string demo_category(catalog::CategoryService& categories, const catalog::CategoryActor& admin,
                          const DemoCategory& demo, std::int64_t position, bool& made) {
  const std::string slug(demo.slug);
  if (auto found = categories.get(slug)) return found->category.id;
  std::optional<std::string> parent;
  if (!demo.parent.empty()) parent = std::string(demo.parent);  // CategoryInput takes a slug or an id
  auto created = categories.create(admin, {.name = std::string(demo.name),
                                           .slug = slug,
                                           .description = std::string(demo.description),
                                           .parent_id = parent,
                                           .position = position});
  made = created.has_value();
  if (created) return created->category.id;
  if (auto found = categories.get(slug)) return found->category.id;  // a concurrent seeder made it
  throw std::runtime_error("demo category " + slug + " not created: " + created.error().detail);
}

catalog::ProductFields product_fields(const DemoProduct& demo, std::size_t number, const std::string& category_id) {
  catalog::ProductFields fields;
  fields.name = std::string(demo.name);
  fields.slug = catalog::slugify(demo.name);
  fields.description = std::string(demo.description);
  fields.category_id = category_id;
  fields.currency = "USD";
  fields.status = demo.active ? catalog::ProductStatus::Active : catalog::ProductStatus::Draft;
  const auto attributes = split_list(demo.attributes, '|');
  fields.attributes = catalog::StringMap{{"brand", std::string(attributes.at(0))},
                                         {"color", std::string(attributes.at(1))},
                                         {"material", std::string(attributes.at(2))}};
  const auto sku = fmt::format("DEMO-{:02}", number);
  fields.single.price = demo.price;
  if (demo.option.empty()) {
    fields.single.sku = sku;
    fields.single.stock = demo.stock;
    fields.single.low_stock_threshold = 5;
    return fields;
  }
  fields.variants.emplace();
  for (const auto value : split_list(demo.values, '|')) {
    auto code = sku + "-" + std::string(value);
    std::replace(code.begin(), code.end(), ' ', '-');
    fields.variants->push_back({.sku = code,
                                .options = catalog::StringMap{{std::string(demo.option), std::string(value)}},
                                .price = demo.price,
                                .stock = demo.stock,
                                .low_stock_threshold = 5,
                                .position = std::nullopt});
  }
  return fields;
}

// Made when no product has its slug yet; true when this run made it.
bool demo_product(catalog::ProductService& products, const http::Principal& vendor, const DemoProduct& demo,
                  std::size_t number, const std::string& category_id) {
  if (products.get(&vendor, catalog::slugify(demo.name))) return false;
  auto created = products.create(vendor, product_fields(demo, number, category_id));
  if (created) return true;
  if (created.error().code == "slug_taken") return false;  // a concurrent seeder made it
  throw std::runtime_error("demo product " + std::string(demo.name) + " not created: " + created.error().detail);
}

std::vector<DemoAccount> seed_accounts(users::AuthService& auth) {
  std::vector<DemoAccount> created;
  for (const auto& profile : kAccounts) {
    if (auto account = create(auth, profile)) created.push_back(std::move(*account));
  }
  return created;
}

void seed_catalog(storage::Database& database, catalog::CatalogModule& catalog, DemoSeedResult& result) {
  const catalog::CategoryActor admin{.user_id = user_id_by_email(database, kAccounts[0].email), .client_ip = ""};
  const http::Principal vendor{.user_id = user_id_by_email(database, kAccounts[1].email),
                               .role = http::Role::Vendor,
                               .session_id = "",
                               .api_key_id = ""};
  std::map<std::string, std::string, std::less<>> category_ids;  // slug → id
  std::int64_t position = 0;
  for (const auto& demo : kCategories) {
    bool made = false;
    category_ids.emplace(demo.slug, demo_category(catalog.categories(), admin, demo, position++, made));
    result.categories += made ? 1 : 0;
  }
  std::size_t number = 0;
  for (const auto& demo : kProducts) {
    const auto& category_id = category_ids.find(demo.category)->second;
    result.products += demo_product(catalog.products(), vendor, demo, ++number, category_id) ? 1 : 0;
  }
}

}  // namespace

DemoSeedResult seed_demo(storage::Database& database, const Clock& clock, users::AuthService& auth,
                         catalog::CatalogModule& catalog) {
  DemoSeedResult result;
  // Each part is marked last: a run that fails half-way is completed by the next one.
  if (!is_marked(database, kAccountsMarker)) {
    result.accounts = seed_accounts(auth);
    mark(database, clock, kAccountsMarker);
  }
  if (!is_marked(database, kCatalogMarker)) {
    seed_catalog(database, catalog, result);
    mark(database, clock, kCatalogMarker);
  }
  return result;
}

}  // namespace emporium::app
