#include "users/address_reader.hpp"

#include <limits>

namespace emporium::users {
namespace {
const http::StringRule kAnyText{.min_length = 0, .max_length = std::numeric_limits<std::size_t>::max()};
}  // namespace

void read_postal_address(http::ObjectReader& reader, AddressInput& out) {
  reader.required("fullName", out.full_name, kAnyText);
  reader.required("line1", out.line1, kAnyText);
  reader.optional("line2", out.line2, kAnyText);
  reader.required("city", out.city, kAnyText);
  reader.optional("region", out.region, kAnyText);
  reader.optional("postalCode", out.postal_code, kAnyText);
  reader.required("country", out.country, kAnyText);
  reader.optional("phone", out.phone, kAnyText);
}

}  // namespace emporium::users
