#pragma once
// One server per cart, wishlist or coupon suite (configured by cart_config()), with the catalog suites' cast
// (an admin and two vendors) made once for it. Each test registers the customers it uses (new_customer), so that
// carts and wishlists never overlap.

#include <gtest/gtest.h>

#include "cart_api.hpp"
#include "catalog_suite.hpp"
#include "races.hpp"

namespace emporium::testing {

template <class Suite>
class CartSuite : public CatalogSuite<Suite> {
 public:
  static EnvVars config() { return cart_config(); }

 protected:
  static Account new_customer() {
    auto client = SharedServerTest<Suite>::client();
    return register_account(client, unique_email("cart-customer"));
  }
};

}  // namespace emporium::testing
