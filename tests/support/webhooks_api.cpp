#include "webhooks_api.hpp"

#include <boost/json/serialize.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "eventually.hpp"

namespace emporium::testing {
namespace json = boost::json;
namespace {
Headers auth(const Account* account) { return account ? bearer(account->access_token) : Headers{}; }

json::object control(const LocalService& service, const std::string& path, const json::object& body) {
  auto client = service.client();
  const auto response = send_json(client, "POST", path, body);
  if (response.status != 200) throw_failed("receiver control " + path, response);
  return response.json_object();
}

bool payload_matches(const json::value& delivery, const std::string& key, const std::string& value) {
  const auto* data = delivery.at("payload").as_object().if_contains("data");
  if (!data || !data->is_object()) return false;
  const auto* found = data->as_object().if_contains(key);
  return found && found->is_string() && found->as_string() == value;
}
}  // namespace

EnvVars webhooks_config(const EnvVars& extra) {
  EnvVars vars{{"EMPORIUM_WEBHOOKS_ALLOW_PRIVATE", "true"},
               {"EMPORIUM_WEBHOOKS_ALLOW_HTTP", "true"},
               {"EMPORIUM_EVENTS_INTERVAL_MS", "50"},
               {"EMPORIUM_WEBHOOK_RETRY_SCHEDULE", "100ms,200ms,300ms"},
               {"EMPORIUM_WEBHOOK_TIMEOUT_MS", std::to_string(kWebhookTimeout.count())}};
  vars.insert(vars.end(), extra.begin(), extra.end());
  return accounts_config(vars);
}

WebhookReceiver::WebhookReceiver(std::optional<unsigned short> port) {
  std::vector<std::string> args;
  if (port) args = {"--port", std::to_string(*port)};
  service_ = std::make_unique<LocalService>("webhook_receiver.py", args);
}

void WebhookReceiver::expect_secret(const std::string& path, const std::string& secret) {
  control(*service_, "/_fake/secret", {{"path", path}, {"secret", secret}});
}

void WebhookReceiver::script(const std::string& path, const json::array& responses) {
  control(*service_, "/_fake/script", {{"path", path}, {"responses", responses}});
}

json::array WebhookReceiver::requests(const std::string& path) const {
  auto client = service_->client();
  const auto response = client.get("/_fake/requests?path=" + path);
  if (response.status != 200) throw_failed("reading the receiver's requests", response);
  return response.json_object().at("requests").as_array();
}

json::array WebhookReceiver::await_requests(const std::string& path, std::size_t count) const {
  json::array found;
  if (eventually([&] { return (found = requests(path)).size() >= count; }, kDeliveryDeadline)) return found;
  throw std::runtime_error("the receiver got " + std::to_string(found.size()) + " requests at " + path + ", not " +
                           std::to_string(count) + ": " + json::serialize(found) + "\n" + service_->output());
}

json::object webhook_body(const std::string& url, const std::vector<std::string>& events,
                          const std::optional<std::string>& description) {
  json::array types;
  for (const auto& type : events) types.emplace_back(type);
  json::object body{{"url", url}, {"events", std::move(types)}};
  if (description) body["description"] = *description;
  return body;
}

HttpResponse post_webhook(HttpClient& client, const Account* owner, const json::value& body) {
  return send_json(client, "POST", "/api/webhooks", body, auth(owner));
}

json::object created_webhook(HttpClient& client, const Account& owner, const std::string& url,
                             const std::vector<std::string>& events) {
  const auto response = post_webhook(client, &owner, webhook_body(url, events));
  if (response.status != 201) throw_failed("registering " + url, response);
  return response.json_object();
}

HttpResponse get_webhook(HttpClient& client, const Account* viewer, const std::string& id) {
  return client.get("/api/webhooks/" + id, auth(viewer));
}

HttpResponse patch_webhook(HttpClient& client, const Account* actor, const std::string& id, const json::value& body) {
  return send_json(client, "PATCH", "/api/webhooks/" + id, body, auth(actor));
}

HttpResponse delete_webhook(HttpClient& client, const Account* actor, const std::string& id) {
  return client.request("DELETE", "/api/webhooks/" + id, auth(actor));
}

HttpResponse get_deliveries(HttpClient& client, const Account* viewer, const std::string& id,
                            const std::string& query) {
  return client.get("/api/webhooks/" + id + "/deliveries" + query, auth(viewer));
}

json::array deliveries_of(HttpClient& client, const Account& viewer, const std::string& id) {
  const auto response = get_deliveries(client, &viewer, id, "?limit=100");
  if (response.status != 200) throw_failed("reading the deliveries of " + id, response);
  return response.json_object().at("data").as_array();
}

HttpResponse retry_delivery(HttpClient& client, const Account* actor, const std::string& id,
                            const std::string& delivery_id) {
  return client.request("POST", "/api/webhooks/" + id + "/deliveries/" + delivery_id + "/retry", auth(actor));
}

json::array deliveries_about(HttpClient& client, const Account& viewer, const std::string& endpoint_id,
                             const std::string& type, const std::string& key, const std::string& value) {
  json::array found;
  for (const auto& delivery : deliveries_of(client, viewer, endpoint_id))
    if (delivery.at("eventType").as_string() == type && payload_matches(delivery, key, value))
      found.push_back(delivery);
  return found;
}

json::object await_delivery(HttpClient& client, const Account& viewer, const std::string& endpoint_id,
                            const std::string& type, const std::string& key, const std::string& value,
                            const std::string& state) {
  json::array log;
  std::optional<json::object> found;
  const auto ready = eventually(
      [&] {
        log = deliveries_about(client, viewer, endpoint_id, type, key, value);
        for (const auto& delivery : log)
          if (delivery.at("state").as_string() == state) return found.emplace(delivery.as_object()), true;
        return false;
      },
      kDeliveryDeadline, std::chrono::milliseconds(50));
  if (!ready)
    throw std::runtime_error("no " + state + " " + type + " delivery with data." + key + " = " + value + " for " +
                             endpoint_id + ": " + json::serialize(log));
  return *found;
}

std::vector<std::string> outbox_mails_containing(const std::filesystem::path& data_dir, const std::string& needle) {
  std::vector<std::string> mails;
  const auto outbox = data_dir / "outbox";
  if (!std::filesystem::exists(outbox)) return mails;
  for (const auto& entry : std::filesystem::directory_iterator(outbox)) {
    if (entry.path().extension() != ".eml") continue;
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    if (text.str().find(needle) != std::string::npos) mails.push_back(text.str());
  }
  return mails;
}

}  // namespace emporium::testing
