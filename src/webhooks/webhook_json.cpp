#include "webhooks/webhook_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <limits>

#include "http/json_body.hpp"
#include "webhooks/webhook_rules.hpp"
#include "webhooks/webhook_url.hpp"

namespace emporium::webhooks {
namespace {
// Lengths only: the rules (webhook_rules) say the rest, in the same answer.
const http::StringRule kUrl{.min_length = 1, .max_length = kMaxUrlLength};
const http::StringRule kDescription{.min_length = 0, .max_length = kMaxDescriptionLength};

template <class T>
boost::json::value or_null(const std::optional<T>& value) {
  if (!value) return nullptr;
  return boost::json::value(*value);
}

boost::json::value time_or_null(const std::optional<Timestamp>& time) {
  if (!time) return nullptr;
  return boost::json::string(to_iso8601(*time));
}

boost::json::array string_array(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

boost::json::value payload_json(const std::string& payload) {
  boost::system::error_code error;
  auto value = boost::json::parse(payload, error);
  if (error) return nullptr;
  return value;
}

boost::json::object attempt_json(const Attempt& attempt) {
  return {{"attempt", attempt.attempt},        {"startedAt", to_iso8601(attempt.started_at)},
          {"status", or_null(attempt.status)}, {"latencyMs", attempt.latency_ms},
          {"error", or_null(attempt.error)},   {"responseBody", or_null(attempt.response_body)}};
}

// Takes the array of event types out of the body (ObjectReader reads no arrays of strings), so that the reader
// then sees only the other fields.
std::optional<std::vector<std::string>> take_events(boost::json::object& body, bool required,
                                                    std::vector<FieldError>& errors) {
  const auto found = body.find("events");
  if (found == body.end() || found->value().is_null()) {
    if (found != body.end()) body.erase(found);
    if (required) errors.push_back({"events", "is required"});
    return std::nullopt;
  }
  const auto value = std::move(found->value());
  body.erase(found);
  const auto* items = value.if_array();
  if (!items) return errors.push_back({"events", "must be an array of event types"}), std::nullopt;
  if (items->size() > kMaxEventEntries)
    return errors.push_back({"events", "must hold at most " + std::to_string(kMaxEventEntries) + " entries"}),
           std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (const auto* type = (*items)[i].if_string())
      out.emplace_back(*type);
    else
      errors.push_back({"events[" + std::to_string(i) + "]", "must be a string"});
  }
  return out;
}

// parse → take the events → read the other fields → rules, answering every error at once.
template <class T, class Fill, class Rules>
Result<T> read_body(const http::Request& request, bool events_required, Fill&& fill, Rules&& rules) {
  auto parsed = http::parse_json_body(request);
  if (!parsed) return parsed.error();
  T out{};
  std::vector<FieldError> errors;
  std::optional<std::vector<std::string>> events;
  if (auto* body = parsed->if_object()) events = take_events(*body, events_required, errors);
  http::ObjectReader reader(*parsed, errors);
  if (reader.is_object()) {
    fill(reader, out, std::move(events));
    reader.reject_unknown();
    http::merge_field_errors(errors, rules(out));
  }
  if (!errors.empty()) return problems::validation_failed(std::move(errors));
  return out;
}
}  // namespace

boost::json::object endpoint_json(const Endpoint& e) {
  return {{"id", e.id},
          {"url", e.url},
          {"description", e.description},
          {"events", string_array(e.events)},
          {"enabled", e.enabled},
          {"disabledReason", or_null(e.disabled_reason)},
          {"ownerId", e.owner_id},
          {"createdAt", to_iso8601(e.created_at)},
          {"updatedAt", to_iso8601(e.updated_at)},
          {"version", e.version}};
}

boost::json::object delivery_json(const Delivery& d) {
  boost::json::array attempts;
  for (const auto& attempt : d.attempt_log) attempts.push_back(attempt_json(attempt));
  return {{"id", d.id},
          {"eventId", d.event_id},
          {"eventType", d.event_type},
          {"state", to_string(d.state)},
          {"attemptCount", d.attempts},
          {"manualRetry", d.manual},
          {"nextAttemptAt", d.state == DeliveryState::Pending ? time_or_null(d.next_attempt_at) : nullptr},
          {"lastStatus", or_null(d.last_status)},
          {"lastError", or_null(d.last_error)},
          {"createdAt", to_iso8601(d.created_at)},
          {"updatedAt", to_iso8601(d.updated_at)},
          {"deliveredAt", time_or_null(d.delivered_at)},
          {"payload", payload_json(d.payload)},
          {"attempts", std::move(attempts)}};
}

Result<EndpointInput> read_endpoint_input(const http::Request& request, bool allow_http) {
  return read_body<EndpointInput>(
      request, true,
      [](http::ObjectReader& reader, EndpointInput& out, std::optional<std::vector<std::string>> events) {
        reader.required("url", out.url, kUrl);
        std::optional<std::string> description;
        reader.optional("description", description, kDescription);
        out.description = description.value_or("");
        out.events = std::move(events).value_or(std::vector<std::string>{});
      },
      [allow_http](const EndpointInput& input) { return endpoint_input_errors(input, allow_http); });
}

Result<EndpointPatch> read_endpoint_patch(const http::Request& request, bool allow_http) {
  return read_body<EndpointPatch>(
      request, false,
      [](http::ObjectReader& reader, EndpointPatch& out, std::optional<std::vector<std::string>> events) {
        reader.optional("url", out.url, kUrl);
        reader.optional("description", out.description, kDescription);
        reader.optional("enabled", out.enabled);
        out.events = std::move(events);
      },
      [allow_http](const EndpointPatch& patch) { return endpoint_patch_errors(patch, allow_http); });
}

}  // namespace emporium::webhooks
