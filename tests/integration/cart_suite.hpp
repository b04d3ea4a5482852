#pragma once
// One server per cart, wishlist or coupon suite (configured by cart_config()), with an admin and two vendors
// made once for it. Each test registers the customers it uses, so that carts and wishlists never overlap.

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "assertions.hpp"
#include "cart_api.hpp"
#include "races.hpp"
#include "shared_server.hpp"

namespace emporium::testing {

template <class Suite>
class CartSuite : public SharedServerTest<Suite> {
 public:
  static EnvVars config() { return cart_config(); }
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
  static Account new_customer() {
    auto client = SharedServerTest<Suite>::client();
    return register_account(client, unique_email("cart-customer"));
  }

 private:
  static inline std::optional<Cast> cast_;
};

}  // namespace emporium::testing
