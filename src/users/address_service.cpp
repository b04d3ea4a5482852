#include "users/address_service.hpp"

#include <algorithm>

#include "storage/database.hpp"
#include "support/ids.hpp"
#include "support/strings.hpp"
#include "users/address_store.hpp"
#include "users/countries.hpp"
#include "users/users_errors.hpp"

namespace emporium::users {
namespace {
using storage::Connection;
using storage::TxMode;

constexpr std::string_view kIdPrefix = "addr";

Problem address_not_found() { return problems::not_found("No such address."); }

Problem address_limit_reached() {
  return errors::limit_reached("address_limit_reached", "An address book holds at most " +
                                                            std::to_string(AddressService::kMaxAddresses) +
                                                            " addresses. Delete one to add another.");
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool is_postal_code(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return is_ascii_digit(c) || is_ascii_letter(c) || c == ' ' || c == '-'; });
}

bool is_phone_number(std::string_view text) {
  const auto allowed = [](char c) {
    return is_ascii_digit(c) || std::string_view(" +()-.").find(c) != std::string_view::npos;
  };
  return std::all_of(text.begin(), text.end(), allowed) && std::any_of(text.begin(), text.end(), is_ascii_digit);
}

// Checks length (in code points) and characters; true when the text passed, so that format rules run only then.
bool check_text(std::vector<FieldError>& errors, std::string_view field, std::string_view text, std::size_t min,
                std::size_t max) {
  if (!is_valid_utf8(text)) {
    errors.push_back({std::string(field), "must be valid UTF-8"});
    return false;
  }
  const auto length = utf8_length(text);
  if (length < min || length > max) {
    auto message = min == 0 ? "must be at most " + std::to_string(max) + " characters"
                            : "must be " + std::to_string(min) + " to " + std::to_string(max) + " characters";
    errors.push_back({std::string(field), length == 0 ? "must not be empty" : std::move(message)});
    return false;
  }
  if (has_control_character(text)) {
    errors.push_back({std::string(field), "must not contain control characters"});
    return false;
  }
  return true;
}

bool check_optional(std::vector<FieldError>& errors, std::string_view field, const std::optional<std::string>& text,
                    std::size_t max) {
  return text && check_text(errors, field, *text, 0, max);
}

void normalise(std::string& text) { text = std::string(trim(text)); }

void normalise(std::optional<std::string>& text) {
  if (!text) return;
  normalise(*text);
  if (text->empty()) text.reset();
}

Address make_address(const AddressInput& input, std::string id, std::string user_id, Timestamp now) {
  return Address{.id = std::move(id),
                 .user_id = std::move(user_id),
                 .label = input.label,
                 .full_name = input.full_name,
                 .line1 = input.line1,
                 .line2 = input.line2,
                 .city = input.city,
                 .region = input.region,
                 .postal_code = input.postal_code,
                 .country = input.country,
                 .phone = input.phone,
                 .is_default_shipping = input.is_default_shipping.value_or(false),
                 .is_default_billing = input.is_default_billing.value_or(false),
                 .created_at = now,
                 .updated_at = now};
}

// The partial unique indexes allow one default of each kind: the old one gives up its flag first.
void take_default_flags(Connection& connection, const Address& address) {
  if (address.is_default_shipping)
    AddressStore::clear_default_shipping(connection, address.user_id, address.id, address.updated_at);
  if (address.is_default_billing)
    AddressStore::clear_default_billing(connection, address.user_id, address.id, address.updated_at);
}

Result<AddressInput> valid(AddressInput input) {
  input = normalised_address(std::move(input));
  if (auto errors = address_errors(input); !errors.empty()) return problems::validation_failed(std::move(errors));
  return input;
}
}  // namespace

AddressInput normalised_address(AddressInput input) {
  for (auto* text : {&input.label, &input.line2, &input.region, &input.postal_code, &input.phone}) normalise(*text);
  for (auto* text : {&input.full_name, &input.line1, &input.city}) normalise(*text);
  input.country = normalise_country_code(input.country);
  return input;
}

std::vector<FieldError> address_errors(const AddressInput& input) {
  std::vector<FieldError> errors;
  check_optional(errors, "label", input.label, 50);
  check_text(errors, "fullName", input.full_name, 1, 100);
  check_text(errors, "line1", input.line1, 1, 200);
  check_optional(errors, "line2", input.line2, 200);
  check_text(errors, "city", input.city, 1, 100);
  check_optional(errors, "region", input.region, 100);
  if (check_optional(errors, "postalCode", input.postal_code, 20) && !is_postal_code(*input.postal_code))
    errors.push_back({"postalCode", "may hold only letters, digits, spaces and hyphens"});
  if (input.country.empty()) {
    errors.push_back({"country", "must not be empty"});
  } else if (!is_country_code(input.country)) {
    errors.push_back({"country", "must be an ISO 3166-1 alpha-2 country code, like US or DE"});
  }
  if (check_optional(errors, "phone", input.phone, 30) && !is_phone_number(*input.phone))
    errors.push_back({"phone", "may hold only digits, spaces and + ( ) - . and must hold a digit"});
  return errors;
}

std::vector<Address> AddressService::list(const std::string& user_id) {
  return storage::with_connection(context_.database,
                                  [&](Connection& connection) { return AddressStore::list(connection, user_id); });
}

Result<Address> AddressService::get(const std::string& user_id, const std::string& address_id) {
  if (auto address = find_for_user(user_id, address_id)) return std::move(*address);
  return address_not_found();
}

std::optional<Address> AddressService::find_for_user(const std::string& user_id, const std::string& address_id) {
  if (!is_valid_id(address_id, kIdPrefix)) return std::nullopt;
  return storage::with_connection(
      context_.database, [&](Connection& connection) { return AddressStore::find(connection, user_id, address_id); });
}

std::optional<Address> AddressService::default_shipping(const std::string& user_id) {
  return storage::with_connection(
      context_.database, [&](Connection& connection) { return AddressStore::default_shipping(connection, user_id); });
}

// The limit holds under concurrency on both backends because the count runs after lock_owner: on SQLite the
// write transaction (BEGIN IMMEDIATE) already excludes every other writer; on PostgreSQL (READ COMMITTED) a
// second create for the same user waits at lock_owner until the first commits, and its COUNT, a new statement
// with a new snapshot, then sees the first one's row. (Inserting first and counting afterwards would not do:
// two such transactions each see only their own new row and both commit a 21st address.)
Result<Address> AddressService::create(const std::string& user_id, AddressInput input) {
  auto checked = valid(std::move(input));
  if (!checked) return checked.error();
  const auto id = context_.ids.next(kIdPrefix);
  return storage::transact(context_.database, TxMode::Write, [&](Connection& connection) -> Result<Address> {
    if (!AddressStore::lock_owner(connection, user_id)) return errors::user_not_found();
    const auto count = AddressStore::count(connection, user_id);
    if (count >= kMaxAddresses) return address_limit_reached();
    auto address = make_address(*checked, id, user_id, context_.clock.now());
    if (count == 0) {  // the first address: the defaults, unless the client said otherwise
      address.is_default_shipping = checked->is_default_shipping.value_or(true);
      address.is_default_billing = checked->is_default_billing.value_or(true);
    }
    take_default_flags(connection, address);
    AddressStore::insert(connection, address);
    return address;
  });
}

Result<Address> AddressService::replace(const std::string& user_id, const std::string& address_id, AddressInput input) {
  if (!is_valid_id(address_id, kIdPrefix)) return address_not_found();
  auto checked = valid(std::move(input));
  if (!checked) return checked.error();
  return storage::transact(context_.database, TxMode::Write, [&](Connection& connection) -> Result<Address> {
    // The owner lock orders this against creates and other replaces, which may move the same default flags.
    if (!AddressStore::lock_owner(connection, user_id)) return address_not_found();
    const auto existing = AddressStore::find(connection, user_id, address_id);
    if (!existing) return address_not_found();
    auto address = make_address(*checked, address_id, user_id, context_.clock.now());
    address.created_at = existing->created_at;
    take_default_flags(connection, address);
    AddressStore::update(connection, address);
    return address;
  });
}

Result<void> AddressService::remove(const std::string& user_id, const std::string& address_id) {
  if (!is_valid_id(address_id, kIdPrefix)) return address_not_found();
  return storage::transact(context_.database, TxMode::Write, [&](Connection& connection) -> Result<void> {
    if (!AddressStore::lock_owner(connection, user_id)) return address_not_found();
    if (!AddressStore::remove(connection, user_id, address_id)) return address_not_found();
    return {};
  });
}

}  // namespace emporium::users
