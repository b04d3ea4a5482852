#include "webhooks/event_filter.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "webhooks/webhook.hpp"

namespace emporium::webhooks {
namespace {
using http::Role;

events::StoredEvent event(std::string type, std::optional<std::string> owner, std::string data) {
  return {.id = "evt_1",
          .type = std::move(type),
          .subject_id = "ord_1",
          .owner_id = std::move(owner),
          .data = std::move(data),
          .created_at = from_unix_millis(1'795'000'000'250)};
}

TEST(EventFilter, SubscriptionsNameTypesOrEverything) {
  EXPECT_TRUE(subscribes({"order.created", "product.created"}, "product.created"));
  EXPECT_FALSE(subscribes({"order.created"}, "order.paid"));
  EXPECT_TRUE(subscribes({"*"}, "review.created"));
  EXPECT_FALSE(subscribes({}, "order.created"));
}

TEST(EventFilter, AdminsSeeEverythingVendorsTheirOwnCustomersNothing) {
  const EventAudience product{.owner_id = "usr_v1", .vendor_ids = {}};
  const EventAudience order{.owner_id = std::nullopt, .vendor_ids = {"usr_v1", "usr_v2"}};
  const EventAudience store_wide{};
  EXPECT_TRUE(may_receive(Role::Admin, "usr_a", product));
  EXPECT_TRUE(may_receive(Role::Admin, "usr_a", store_wide));
  EXPECT_TRUE(may_receive(Role::Vendor, "usr_v1", product));
  EXPECT_FALSE(may_receive(Role::Vendor, "usr_v2", product));
  EXPECT_TRUE(may_receive(Role::Vendor, "usr_v2", order));
  EXPECT_FALSE(may_receive(Role::Vendor, "usr_v3", order));
  EXPECT_FALSE(may_receive(Role::Vendor, "usr_v1", store_wide));
  EXPECT_FALSE(may_receive(Role::Customer, "usr_v1", product));
}

TEST(EventFilter, EventTypesAreKnownAndNormalised) {
  for (const auto type : kEventTypes) EXPECT_TRUE(is_event_type(type)) << type;
  EXPECT_FALSE(is_event_type("order.shipped"));
  EXPECT_FALSE(is_event_type("*"));
  EXPECT_EQ(normalised_event_types({"product.created", "order.created", "product.created"}),
            (std::vector<std::string>{"order.created", "product.created"}));
  EXPECT_EQ(normalised_event_types({"order.created", "*"}), std::vector<std::string>{"*"});
}

TEST(EventFilter, VendorIdsComeFromTheEventWhenItHasThem) {
  EXPECT_EQ(vendor_ids_in(event("order.created", std::nullopt, R"({"vendorIds":["usr_a","usr_b"]})")),
            (std::vector<std::string>{"usr_a", "usr_b"}));
  EXPECT_EQ(vendor_ids_in(event("order.paid", std::nullopt, R"({"total":100})")), std::nullopt);
  EXPECT_EQ(vendor_ids_in(event("order.paid", std::nullopt, "not json")), std::nullopt);
  EXPECT_TRUE(is_order_event("order.refunded"));
  EXPECT_FALSE(is_order_event("product.created"));
}

TEST(EventFilter, ThePayloadIsTypeTimestampAndData) {
  const auto payload = delivery_payload(event("order.created", std::nullopt, R"({"orderId":"ord_1","total":4200})"));
  EXPECT_EQ(boost::json::parse(payload), boost::json::parse(R"({"type":"order.created",
      "timestamp":"2026-11-18T11:06:40.250Z","data":{"orderId":"ord_1","total":4200}})"));
  EXPECT_EQ(payload.find(' '), std::string::npos);  // minified: what is signed is what is sent
  EXPECT_EQ(boost::json::parse(delivery_payload(event("product.updated", "usr_v", "broken"))).at("data"),
            boost::json::object{});
}

}  // namespace
}  // namespace emporium::webhooks
