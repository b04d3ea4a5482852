#pragma once
// How the order tables hold their JSON columns (addresses, line options, event data).

#include <map>
#include <string>
#include <string_view>

#include "orders/order.hpp"

namespace emporium::orders {

// {"fullName", "line1", "line2"?, "city", "region"?, "postalCode"?, "country", "phone"?}: the same object the
// API shows (absent optional fields are left out).
std::string encode_address(const AddressSnapshot& address);
AddressSnapshot decode_address(std::string_view text);

std::string encode_options(const std::map<std::string, std::string>& options);
std::map<std::string, std::string> decode_options(std::string_view text);

}  // namespace emporium::orders
