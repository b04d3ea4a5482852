#include "webhooks/webhook_signature.hpp"

#include <sodium.h>

#include <stdexcept>

#include "support/crypto.hpp"
#include "support/random.hpp"

namespace emporium::webhooks {

std::string base64_encode(std::string_view bytes) {
  ensure_sodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  ensure_sodium();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size())
    return std::nullopt;
  out.resize(length);
  return out;
}

std::string new_secret() {
  std::string key(kSecretBytes, '\0');
  fill_random(key.data(), key.size());
  return std::string(kSecretPrefix) + base64_encode(key);
}

std::optional<std::string> secret_key(std::string_view secret) {
  if (secret.starts_with(kSecretPrefix)) secret.remove_prefix(kSecretPrefix.size());
  auto key = base64_decode(secret);
  if (!key || key->empty()) return std::nullopt;
  return key;
}

std::string sign(std::string_view secret, std::string_view message_id, std::int64_t timestamp, std::string_view body) {
  const auto key = secret_key(secret);
  if (!key) throw std::invalid_argument("not a webhook signing secret");
  std::string content;
  content.reserve(message_id.size() + body.size() + 24);
  content.append(message_id).append(".").append(std::to_string(timestamp)).append(".").append(body);
  return "v1," + base64_encode(hmac_sha256(*key, content));
}

}  // namespace emporium::webhooks
