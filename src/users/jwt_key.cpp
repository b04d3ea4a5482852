#include "users/jwt_key.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/log.hpp"
#include "support/random.hpp"
#include "users/access_tokens.hpp"

namespace emporium::users {
namespace {

std::string read_key_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  auto key = text.str();
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.size() < AccessTokens::kMinimumKeyBytes)
    throw std::runtime_error(path + " holds a key shorter than 256 bits");
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0)
    log::warn("the JWT key file is readable by other users; chmod 600 it", {{"path", path}});
  return key;
}

// O_EXCL: when two processes start at once, one creates the file and both use its key.
bool create_key_file(const std::string& path, const std::string& key) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  }
  const auto line = key + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::fsync(fd);
  ::close(fd);
  if (!written) throw std::runtime_error("cannot write " + path);
  return true;
}

}  // namespace

std::string load_jwt_key(const std::optional<std::string>& configured, const std::string& data_dir) {
  if (configured) {
    if (configured->size() < AccessTokens::kMinimumKeyBytes)
      throw std::runtime_error("EMPORIUM_JWT_SECRET must be at least 32 bytes (256 bits)");
    return *configured;
  }
  const auto path = (std::filesystem::path(data_dir) / "jwt.key").string();
  if (create_key_file(path, random_token(64))) {
    log::info("created a JWT signing key", {{"path", path}});
  }
  return read_key_file(path);
}

}  // namespace emporium::users
