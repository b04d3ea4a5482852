#include "support/random.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace emporium {
namespace {
struct SodiumInit {
  SodiumInit() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  }
};
}  // namespace

void ensure_sodium() { static const SodiumInit init; }

void fill_random(void* buffer, std::size_t size) {
  ensure_sodium();
  randombytes_buf(buffer, size);
}

std::uint64_t random_u64() {
  std::uint64_t value = 0;
  fill_random(&value, sizeof value);
  return value;
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  fill_random(raw.data(), raw.size());
  std::string text(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.size() - 1);  // the encoder counts the terminating NUL
  return text;
}

double unit_random() { return static_cast<double>(random_u64() >> 11) * 0x1.0p-53; }

}  // namespace emporium
