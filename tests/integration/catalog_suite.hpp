#pragma once
// One server per catalog suite, with the cast (admin, two vendors, a customer) made once for it. Tests that
// list or search make a vendor or a category of their own and filter by it, so that what other tests of the
// suite made never shows up in their answers.

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "assertions.hpp"
#include "catalog_api.hpp"
#include "shared_server.hpp"

namespace emporium::testing {

template <class Suite>
class CatalogSuite : public SharedServerTest<Suite> {
 public:
  static void SetUpTestSuite() {
    SharedServerTest<Suite>::SetUpTestSuite();
    auto client = SharedServerTest<Suite>::client();
    cast_ = make_cast(SharedServerTest<Suite>::server(), client);
  }
  static void TearDownTestSuite() {
    cast_.reset();
    SharedServerTest<Suite>::TearDownTestSuite();
  }

 protected:
  static const Cast& cast() {
    if (!cast_) throw std::runtime_error("the suite's accounts were not made (see SetUpTestSuite's failure)");
    return *cast_;
  }
  static const Account& admin() { return cast().admin; }
  static const Account& vendor() { return cast().vendor; }
  static const Account& other_vendor() { return cast().other_vendor; }
  static const Account& customer() { return cast().customer; }

 private:
  static inline std::optional<Cast> cast_;
};

}  // namespace emporium::testing
