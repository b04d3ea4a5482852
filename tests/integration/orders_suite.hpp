#pragma once
// One server per orders suite, with the catalog's cast (an admin, two vendors, a customer) and a second
// customer. Tests make their own products (and, where lists are compared, their own customers), so that what
// other tests of the suite ordered never shows up in their answers.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "assertions.hpp"
#include "catalog_suite.hpp"
#include "orders_api.hpp"
#include "races.hpp"

namespace emporium::testing {

template <class Suite>
class OrdersSuite : public CatalogSuite<Suite> {
 public:
  static void SetUpTestSuite() {
    CatalogSuite<Suite>::SetUpTestSuite();
    auto client = SharedServerTest<Suite>::client();
    other_customer_ = register_account(client, unique_email("orders-customer"));
  }
  static void TearDownTestSuite() {
    other_customer_.reset();
    CatalogSuite<Suite>::TearDownTestSuite();
  }

 protected:
  static const Account& other_customer() {
    if (!other_customer_) throw std::runtime_error("the suite's accounts were not made (see SetUpTestSuite)");
    return *other_customer_;
  }
  static std::vector<HttpResponse> at_once(int n, const std::function<HttpResponse(HttpClient&, int)>& request) {
    return send_at_once(SharedServerTest<Suite>::server().port(), n, request);
  }
  // A new customer, for tests that count what one customer has.
  static Account new_customer() {
    auto client = SharedServerTest<Suite>::client();
    return register_account(client, unique_email("orders-buyer"));
  }

 private:
  static inline std::optional<Account> other_customer_;
};

}  // namespace emporium::testing
