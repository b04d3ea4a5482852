#pragma once
// Sample addresses shared by the address tests (test code only).

#include <string>
#include <vector>

#include "support/problem.hpp"
#include "users/address.hpp"

namespace emporium::users::testing {

inline AddressInput home() {
  return {.label = "Home",
          .full_name = "Ada Lovelace",
          .line1 = "12 St James's Square",
          .city = "London",
          .postal_code = "SW1Y 4JH",
          .country = "GB",
          .phone = "+44 20 7946 0000"};
}

inline AddressInput office() {
  return {.full_name = "Grace Hopper",
          .line1 = "1 Navy Way",
          .line2 = "Building 4",
          .city = "Arlington",
          .region = "VA",
          .postal_code = "22202",
          .country = "US"};
}

inline std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> fields;
  for (const auto& error : errors) fields.push_back(error.field);
  return fields;
}

}  // namespace emporium::users::testing
