#include "users/password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

#include "support/random.hpp"

namespace emporium::users {

PasswordHasher::PasswordHasher(PasswordHashParameters parameters) : parameters_(parameters) {
  ensure_sodium();
  if (parameters_.memory_kib * 1024 < crypto_pwhash_MEMLIMIT_MIN || parameters_.iterations < 1)
    throw std::invalid_argument("Argon2id parameters below libsodium's minimum");
  dummy_hash_ = hash(random_token(24));
}

std::string PasswordHasher::hash(std::string_view password) const {
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), parameters_.iterations,
                            parameters_.memory_kib * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("Argon2id ran out of memory");
  }
  return encoded;
}

PasswordHasher::Verdict PasswordHasher::verify(std::string_view password, const std::string& stored_hash) const {
  Verdict verdict;
  verdict.matches = crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
  if (verdict.matches) {
    verdict.needs_rehash =
        crypto_pwhash_str_needs_rehash(stored_hash.c_str(), parameters_.iterations, parameters_.memory_kib * 1024) != 0;
  }
  return verdict;
}

void PasswordHasher::verify_nothing(std::string_view password) const {
  // The outcome is irrelevant (and GCC will not let a warn_unused_result call go unused): only the time counts.
  [[maybe_unused]] const bool matched =
      crypto_pwhash_str_verify(dummy_hash_.c_str(), password.data(), password.size()) == 0;
}

}  // namespace emporium::users
