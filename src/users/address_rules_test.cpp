// The address rules alone, field by field: plain functions, no database (the address book on both backends is
// tested in address_service_test.cpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "users/address_service.hpp"
#include "users/address_test_samples.hpp"

namespace emporium::users {
namespace {
using ::testing::ElementsAre;
using testing::fields_of;
using testing::home;
using ::testing::IsEmpty;
using testing::office;

struct BrokenField {
  std::string_view field;
  void (*breaks)(AddressInput&);
};

TEST(AddressRules, AValidAddressPasses) {
  EXPECT_THAT(address_errors(home()), IsEmpty());
  EXPECT_THAT(address_errors(office()), IsEmpty());
  auto longest = home();
  longest.full_name.clear();
  for (int i = 0; i < 100; ++i) longest.full_name += "é";  // 100 characters, 200 bytes
  longest.line1 = std::string(200, 'x');
  longest.line2 = std::string(200, 'x');
  longest.city = std::string(100, 'x');
  longest.region = std::string(100, 'x');
  longest.label = std::string(50, 'x');
  longest.postal_code = "A1B-2C3 " + std::string(12, '9');
  longest.phone = "+1 (555) 010-0000.  " + std::string(10, '1');
  EXPECT_THAT(address_errors(longest), IsEmpty());
}

TEST(AddressRules, EachFieldReportsItsOwnError) {
  const BrokenField cases[] = {
      {"label", [](AddressInput& a) { a.label = std::string(51, 'x'); }},
      {"fullName", [](AddressInput& a) { a.full_name = ""; }},
      {"fullName", [](AddressInput& a) { a.full_name = std::string(101, 'x'); }},
      {"fullName", [](AddressInput& a) { a.full_name = "Ada\nLovelace"; }},
      {"fullName", [](AddressInput& a) { a.full_name = "Ada \xff"; }},
      {"line1", [](AddressInput& a) { a.line1 = ""; }},
      {"line1", [](AddressInput& a) { a.line1 = std::string(201, 'x'); }},
      {"line2", [](AddressInput& a) { a.line2 = std::string(201, 'x'); }},
      {"line2", [](AddressInput& a) { a.line2 = "Flat\t4"; }},
      {"city", [](AddressInput& a) { a.city = ""; }},
      {"city", [](AddressInput& a) { a.city = std::string(101, 'x'); }},
      {"region", [](AddressInput& a) { a.region = std::string(101, 'x'); }},
      {"postalCode", [](AddressInput& a) { a.postal_code = std::string(21, '1'); }},
      {"postalCode", [](AddressInput& a) { a.postal_code = "SW1Y_4JH"; }},
      {"postalCode", [](AddressInput& a) { a.postal_code = "75001é"; }},
      {"country", [](AddressInput& a) { a.country = ""; }},
      {"country", [](AddressInput& a) { a.country = "XX"; }},
      {"country", [](AddressInput& a) { a.country = "USA"; }},
      {"country", [](AddressInput& a) { a.country = "us"; }},  // not normalised: the rule itself is strict
      {"phone", [](AddressInput& a) { a.phone = std::string(31, '1'); }},
      {"phone", [](AddressInput& a) { a.phone = "call me"; }},
      {"phone", [](AddressInput& a) { a.phone = "+() -."; }},
  };
  for (const auto& broken : cases) {
    auto input = home();
    broken.breaks(input);
    const auto errors = address_errors(input);
    EXPECT_THAT(fields_of(errors), ElementsAre(std::string(broken.field))) << broken.field;
  }
}

TEST(AddressRules, NormalisingAcceptsLowerCaseCountriesAndDropsEmptyOptionalTexts) {
  auto input = office();
  input.country = "us";
  input.phone = " ";
  const auto normal = normalised_address(input);
  EXPECT_EQ(normal.country, "US");
  EXPECT_EQ(normal.phone, std::nullopt);
  EXPECT_THAT(address_errors(normal), IsEmpty());
}

}  // namespace
}  // namespace emporium::users
