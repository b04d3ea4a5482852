#pragma once

#include <string>
#include <vector>

namespace emporium::invoices {

// The seller block of every invoice (EMPORIUM_STORE_*).
struct StoreDetails {
  std::string name = "Emporium";
  std::vector<std::string> address = {};
  std::string tax_id = {};
  std::string email = {};
};

}  // namespace emporium::invoices
