// The cart as orders take it, on SQLite and PostgreSQL.
#include "cart/cart_checkout.hpp"

#include <gtest/gtest.h>

#include "cart/cart_store.hpp"
#include "storage/testing/test_database.hpp"
#include "support/ids.hpp"

namespace emporium::cart {
namespace {
using storage::Backend;
using storage::Connection;

class CartCheckout : public ::testing::TestWithParam<Backend> {
 protected:
  void sql(std::string_view statement, std::initializer_list<storage::Param> params) {
    test_db_.database().with_connection([&](Connection& connection) { connection.execute(statement, params); });
  }

  std::string new_user() {
    auto id = ids_.next("usr");
    const auto email = id + "@example.com";
    sql("INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
        "VALUES ($1, $2, 'Test', 'customer', 'unused', 0, 0)",
        {std::string_view(id), std::string_view(email)});
    return id;
  }

  // A product with one variant; returns {product id, variant id}.
  std::pair<std::string, std::string> new_product(const std::string& vendor) {
    auto product = ids_.next("prod");
    auto variant = ids_.next("var");
    sql("INSERT INTO products (id, vendor_id, slug, name, sort_name, status, currency, price, in_stock, created_at, "
        "updated_at) VALUES ($1, $2, $1, 'P', 'p', 'active', 'USD', 100, TRUE, 0, 0)",
        {std::string_view(product), std::string_view(vendor)});
    sql("INSERT INTO product_variants (id, product_id, sku, sku_key, price, stock, created_at, updated_at) "
        "VALUES ($1, $2, $1, $1, 100, 5, 0, 0)",
        {std::string_view(variant), std::string_view(product)});
    return {product, variant};
  }

  void add(const std::string& customer, const std::pair<std::string, std::string>& product, std::int64_t quantity) {
    test_db_.database().transaction(storage::TxMode::Write, [&](Connection& connection) {
      CartStore::touch(connection, customer, clock_.now());
      CartStore::insert_item(connection, CartItem{.id = ids_.next("item"),
                                                  .customer_id = customer,
                                                  .product_id = product.first,
                                                  .variant_id = product.second,
                                                  .quantity = quantity,
                                                  .created_at = clock_.now(),
                                                  .updated_at = clock_.now()});
      return true;
    });
    clock_.advance(std::chrono::milliseconds(1));
  }

  CartForCheckout read(const std::string& customer) {
    return storage::with_connection(test_db_.database(),
                                    [&](Connection& connection) { return cart_for_checkout(connection, customer); });
  }

  storage::TestDatabase test_db_{GetParam()};
  ManualClock clock_{from_unix_millis(1'800'000'000'000)};
  IdGenerator ids_{clock_};
};

TEST_P(CartCheckout, ReadsLinesInOrderWithTheCouponAndEmptiesThem) {
  const auto vendor = new_user();
  const auto customer = new_user();
  const auto other = new_user();
  EXPECT_TRUE(read(customer).lines.empty());  // no cart at all
  const auto first = new_product(vendor);
  const auto second = new_product(vendor);
  add(customer, second, 2);
  add(customer, first, 1);
  add(other, first, 7);
  test_db_.database().with_connection(
      [&](Connection& connection) { CartStore::set_coupon(connection, customer, std::string("SAVE10")); });

  auto cart = read(customer);
  ASSERT_EQ(cart.lines.size(), 2u);
  EXPECT_EQ(cart.lines[0].product_id, second.first);
  EXPECT_EQ(cart.lines[0].variant_id, second.second);
  EXPECT_EQ(cart.lines[0].quantity, 2);
  EXPECT_EQ(cart.lines[1].product_id, first.first);
  EXPECT_EQ(cart.coupon_code, "SAVE10");

  test_db_.database().transaction(storage::TxMode::Write, [&](Connection& connection) {
    empty_cart(connection, customer);
    return true;
  });
  cart = read(customer);
  EXPECT_TRUE(cart.lines.empty());
  EXPECT_FALSE(cart.coupon_code);
  EXPECT_EQ(read(other).lines.size(), 1u);  // another customer's cart is untouched
}

INSTANTIATE_TEST_SUITE_P(Backends, CartCheckout, storage::all_backends(), storage::backend_name);

}  // namespace
}  // namespace emporium::cart
