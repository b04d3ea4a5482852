#include "webhooks/endpoint_service.hpp"

#include "webhooks/endpoint_store.hpp"
#include "webhooks/event_filter.hpp"
#include "webhooks/webhook_errors.hpp"
#include "webhooks/webhook_rules.hpp"
#include "webhooks/webhook_signature.hpp"
#include "webhooks/webhook_url.hpp"

namespace emporium::webhooks {
namespace {
using http::Principal;
using http::Role;
using storage::Connection;

bool may_see(const Principal& viewer, const Endpoint& endpoint) {
  return viewer.role == Role::Admin || endpoint.owner_id == viewer.user_id;
}

// The endpoint `id` when the viewer may see it; 404 otherwise, whether it exists or not.
Result<Endpoint> visible_endpoint(Connection& connection, const Principal& viewer, std::string_view id) {
  if (!is_valid_id(id, "whk")) return errors::webhook_not_found();
  auto endpoint = EndpointStore::find(connection, id);
  if (!endpoint || !may_see(viewer, *endpoint)) return errors::webhook_not_found();
  return std::move(*endpoint);
}

audit::AuditEntry audit_entry(const Principal& actor, std::string action, const Endpoint& endpoint,
                              const std::string& client_ip) {
  return {.actor_id = actor.user_id,
          .action = std::move(action),
          .target_type = "webhook",
          .target_id = endpoint.id,
          .details = {{"ownerId", endpoint.owner_id},
                      {"url", endpoint.url},
                      {"enabled", endpoint.enabled ? "true" : "false"}},
          .client_ip = client_ip};
}

void apply(Endpoint& endpoint, EndpointPatch& patch, const Principal& actor) {
  if (patch.url) endpoint.url = std::move(*patch.url);
  if (patch.description) endpoint.description = std::move(*patch.description);
  if (patch.events) endpoint.events = normalised_event_types(std::move(*patch.events));
  if (patch.enabled && *patch.enabled != endpoint.enabled) {
    endpoint.enabled = *patch.enabled;
    endpoint.disabled_reason = std::nullopt;
    if (!endpoint.enabled)
      endpoint.disabled_reason = actor.role == Role::Admin && actor.user_id != endpoint.owner_id
                                     ? "disabled by an administrator"
                                     : "disabled by its owner";
  }
}
}  // namespace

Result<void> EndpointService::check_destination(const std::string& url) const {
  if (auto refusal = destination_refusal(url, context_.allow_private)) return errors::url_not_allowed(*refusal);
  return {};
}

Result<Endpoint> EndpointService::create(const Principal& owner, EndpointInput input, const std::string& client_ip) {
  if (auto allowed = check_destination(input.url); !allowed) return allowed.error();
  const auto now = context_.clock.now();
  const Endpoint endpoint{.id = context_.ids.next("whk"),
                          .owner_id = owner.user_id,
                          .owner_role = owner.role,
                          .url = std::move(input.url),
                          .description = std::move(input.description),
                          .events = normalised_event_types(std::move(input.events)),
                          .secret = new_secret(),
                          .created_at = now,
                          .updated_at = now};
  return storage::transact(context_.database, storage::TxMode::Write, [&](Connection& connection) -> Result<Endpoint> {
    EndpointStore::lock_owner(connection, owner.user_id);
    if (EndpointStore::count(connection, owner.user_id) >= kMaxEndpointsPerOwner)
      return errors::limit_reached(kMaxEndpointsPerOwner);
    EndpointStore::insert(connection, endpoint);
    context_.audit.record(connection, audit_entry(owner, "webhook.created", endpoint, client_ip));
    return endpoint;
  });
}

Result<EndpointListing> EndpointService::list(const Principal& viewer, std::int64_t limit, std::int64_t offset) {
  std::optional<std::string> owner;
  if (viewer.role != Role::Admin) owner = viewer.user_id;
  return storage::transact(context_.database, storage::TxMode::Read,
                           [&](Connection& connection) -> Result<EndpointListing> {
                             return EndpointListing{.endpoints = EndpointStore::list(connection, owner, limit, offset),
                                                    .total = EndpointStore::count(connection, owner)};
                           });
}

Result<Endpoint> EndpointService::get(const Principal& viewer, std::string_view id) {
  return storage::transact(context_.database, storage::TxMode::Read,
                           [&](Connection& connection) { return visible_endpoint(connection, viewer, id); });
}

Result<Endpoint> EndpointService::update(const Principal& actor, std::string_view id, EndpointPatch patch,
                                         const std::string& client_ip) {
  if (patch.url) {
    if (auto allowed = check_destination(*patch.url); !allowed) return allowed.error();
  }
  return storage::transact(context_.database, storage::TxMode::Write, [&](Connection& connection) -> Result<Endpoint> {
    auto endpoint = visible_endpoint(connection, actor, id);
    if (!endpoint) return endpoint.error();
    auto changes = patch;  // copied: the body may run again (a retried transaction)
    apply(*endpoint, changes, actor);
    endpoint->updated_at = context_.clock.now();
    if (!EndpointStore::update(connection, *endpoint)) return errors::webhook_not_found();
    context_.audit.record(connection, audit_entry(actor, "webhook.updated", *endpoint, client_ip));
    return *EndpointStore::find(connection, endpoint->id);
  });
}

Result<void> EndpointService::remove(const Principal& actor, std::string_view id, const std::string& client_ip) {
  return storage::transact(context_.database, storage::TxMode::Write, [&](Connection& connection) -> Result<void> {
    auto endpoint = visible_endpoint(connection, actor, id);
    if (!endpoint) return endpoint.error();
    if (!EndpointStore::remove(connection, endpoint->id)) return errors::webhook_not_found();
    context_.audit.record(connection, audit_entry(actor, "webhook.deleted", *endpoint, client_ip));
    return {};
  });
}

Result<DeliveryListing> EndpointService::deliveries(const Principal& viewer, std::string_view id, DeliveryQuery query) {
  return storage::transact(context_.database, storage::TxMode::Read,
                           [&](Connection& connection) -> Result<DeliveryListing> {
                             auto endpoint = visible_endpoint(connection, viewer, id);
                             if (!endpoint) return endpoint.error();
                             query.endpoint_id = endpoint->id;
                             return DeliveryListing{.deliveries = DeliveryStore::list(connection, query),
                                                    .total = DeliveryStore::count(connection, query)};
                           });
}

Result<Delivery> EndpointService::retry(const Principal& actor, std::string_view id, std::string_view delivery_id) {
  auto retried =
      storage::transact(context_.database, storage::TxMode::Write, [&](Connection& connection) -> Result<Delivery> {
        auto endpoint = visible_endpoint(connection, actor, id);
        if (!endpoint) return endpoint.error();
        if (!is_valid_id(delivery_id, "msg")) return errors::delivery_not_found();
        const auto delivery = DeliveryStore::find(connection, endpoint->id, delivery_id);
        if (!delivery) return errors::delivery_not_found();
        if (!endpoint->enabled) return errors::endpoint_disabled();
        if (!DeliveryStore::retry_now(connection, endpoint->id, delivery->id, context_.clock.now()))
          return errors::delivery_in_flight();
        return *DeliveryStore::find(connection, endpoint->id, delivery->id);
      });
  if (retried && context_.wake_worker) context_.wake_worker();
  return retried;
}

}  // namespace emporium::webhooks
