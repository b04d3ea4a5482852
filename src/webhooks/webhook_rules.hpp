#pragma once
// What a subscription must look like, beyond JSON types: the URL's syntax (webhook_url.hpp), known event
// types, a description without control characters.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "support/problem.hpp"
#include "webhooks/webhook.hpp"

namespace emporium::webhooks {

inline constexpr std::size_t kMaxDescriptionLength = 500;  // characters
inline constexpr std::size_t kMaxEventEntries = 20;
inline constexpr std::int64_t kMaxEndpointsPerOwner = 20;

std::vector<FieldError> event_type_errors(const std::vector<std::string>& events);
std::vector<FieldError> endpoint_input_errors(const EndpointInput& input, bool allow_http);
std::vector<FieldError> endpoint_patch_errors(const EndpointPatch& patch, bool allow_http);

}  // namespace emporium::webhooks
