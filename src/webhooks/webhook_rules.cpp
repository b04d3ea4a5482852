#include "webhooks/webhook_rules.hpp"

#include "support/strings.hpp"
#include "webhooks/webhook_url.hpp"

namespace emporium::webhooks {
namespace {
void check_url(std::vector<FieldError>& errors, const std::string& url, bool allow_http) {
  if (auto problem = url_syntax_error(url, allow_http)) errors.push_back({"url", std::move(*problem)});
}

void check_description(std::vector<FieldError>& errors, const std::string& description) {
  if (has_control_character(description, true)) errors.push_back({"description", "must not hold control characters"});
}
}  // namespace

std::vector<FieldError> event_type_errors(const std::vector<std::string>& events) {
  std::vector<FieldError> errors;
  if (events.empty()) errors.push_back({"events", "must name at least one event type, or \"*\""});
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i] != kAllEvents && !is_event_type(events[i]))
      errors.push_back({"events[" + std::to_string(i) + "]", "is not a known event type"});
  }
  return errors;
}

std::vector<FieldError> endpoint_input_errors(const EndpointInput& input, bool allow_http) {
  std::vector<FieldError> errors = event_type_errors(input.events);
  check_url(errors, input.url, allow_http);
  check_description(errors, input.description);
  return errors;
}

std::vector<FieldError> endpoint_patch_errors(const EndpointPatch& patch, bool allow_http) {
  std::vector<FieldError> errors;
  if (patch.events) errors = event_type_errors(*patch.events);
  if (patch.url) check_url(errors, *patch.url, allow_http);
  if (patch.description) check_description(errors, *patch.description);
  return errors;
}

}  // namespace emporium::webhooks
