#pragma once

#include <stdexcept>
#include <string>

namespace emporium {

// An outage of something we depend on (the database, Redis, a provider): not a bug and not the client's
// fault. Turned into 503 problem+json in one place; what() goes to the log, public_detail() to the client.
class UnavailableError : public std::runtime_error {
 public:
  UnavailableError(const std::string& internal, std::string public_detail)
      : std::runtime_error(internal), public_detail_(std::move(public_detail)) {}
  const std::string& public_detail() const { return public_detail_; }

 private:
  std::string public_detail_;
};

}  // namespace emporium
