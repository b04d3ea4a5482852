#include "payments/stripe/stripe_signature.hpp"

#include <charconv>
#include <vector>

#include "support/crypto.hpp"

namespace emporium::payments::stripe {
namespace {

struct ParsedHeader {
  std::optional<std::int64_t> timestamp = {};
  std::vector<std::string_view> v1 = {};
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::int64_t> to_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || text.empty()) return std::nullopt;
  return value;
}

ParsedHeader parse_header(std::string_view header) {
  ParsedHeader parsed;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto item = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const auto equals = item.find('=');
    if (equals == std::string_view::npos) continue;
    const auto scheme = item.substr(0, equals);
    const auto value = item.substr(equals + 1);
    if (scheme == "t" && !parsed.timestamp) parsed.timestamp = to_integer(value);
    if (scheme == "v1") parsed.v1.push_back(value);
  }
  return parsed;
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const auto byte : bytes) {
    const auto value = static_cast<unsigned char>(byte);
    out += kDigits[value >> 4];
    out += kDigits[value & 0x0f];
  }
  return out;
}
}  // namespace

std::string v1_signature(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  std::string signed_text = std::to_string(timestamp);
  signed_text += '.';
  signed_text += body;
  return to_hex(hmac_sha256(secret, signed_text));
}

std::optional<std::string> signature_problem(const SignedPayload& payload) {
  if (payload.header.empty()) return "The Stripe-Signature header is missing.";
  if (payload.secret.empty()) return "No webhook signing secret is configured.";
  const auto parsed = parse_header(payload.header);
  if (!parsed.timestamp) return "The Stripe-Signature header has no timestamp (t=…).";
  if (parsed.v1.empty()) return "The Stripe-Signature header has no v1 signature.";
  const auto expected = v1_signature(payload.secret, *parsed.timestamp, payload.body);
  bool matched = false;
  // Every candidate is compared, in constant time each: how many there are is no secret.
  for (const auto candidate : parsed.v1) matched = constant_time_equals(expected, candidate) || matched;
  if (!matched) return "No signature in the Stripe-Signature header matches the body.";
  const auto sent = std::chrono::seconds(*parsed.timestamp);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(payload.now.time_since_epoch());
  if (sent < now - payload.tolerance || sent > now + payload.tolerance)
    return "The Stripe-Signature timestamp is outside the tolerance (a replayed or delayed event).";
  return std::nullopt;
}

}  // namespace emporium::payments::stripe
