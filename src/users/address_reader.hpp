#pragma once

#include "http/json_body.hpp"
#include "users/address.hpp"

namespace emporium::users {

// Reads the postal fields of an address (fullName, line1, line2, city, region, postalCode, country, phone) with
// their JSON types only: lengths and formats are address_errors' rules, checked after normalised_address. The
// address book adds its label and default flags; orders read shipping and billing addresses with it.
void read_postal_address(http::ObjectReader& reader, AddressInput& out);

}  // namespace emporium::users
