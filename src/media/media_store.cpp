#include "media/media_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "media/media_key.hpp"
#include "support/errors.hpp"

namespace emporium::media {
namespace {
constexpr std::string_view kTemporaryPrefix = ".upload-";  // starts with '.': never a valid key

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

Problem invalid_key() {
  return problems::bad_request("The media key is not a content-hash file name.").with_code("invalid_media_key");
}

[[noreturn]] void storage_failed(std::string_view action, const std::filesystem::path& path, int error) {
  throw UnavailableError("media storage: " + std::string(action) + " " + path.string() + ": " + std::strerror(error),
                         "Media storage is unavailable. Try again shortly.");
}

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    const auto written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) storage_failed("write", path, errno);
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// After a rename, the directory entry itself must reach the disk for the file to survive a crash.
void sync_directory(const std::filesystem::path& directory) {
  FileDescriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) storage_failed("sync", directory, errno);
}

// Writes `bytes` to a new temporary file next to `target` and returns its path.
std::filesystem::path write_temporary(const std::filesystem::path& root, std::string_view bytes) {
  std::string name = (root / (std::string(kTemporaryPrefix) + "XXXXXX")).string();
  FileDescriptor fd(::mkostemp(name.data(), O_CLOEXEC));
  if (fd.get() < 0) storage_failed("create", name, errno);
  try {
    write_all(fd.get(), bytes, name);
    // mkostemp creates 0600; published media are readable by whatever else serves the directory.
    if (::fchmod(fd.get(), 0644) != 0 || ::fsync(fd.get()) != 0) storage_failed("flush", name, errno);
  } catch (...) {
    ::unlink(name.c_str());
    throw;
  }
  return name;
}

// Opens a regular file for reading without following a symbolic link; -1 with errno otherwise.
int open_regular(const std::filesystem::path& path, struct stat& info) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return -1;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    errno = ENOENT;
    return -1;
  }
  return fd;
}

bool is_absence(int error) { return error == ENOENT || error == ELOOP || error == ENOTDIR; }

std::string read_at(int fd, std::uint64_t offset, std::uint64_t length, const std::filesystem::path& path) {
  std::string out(static_cast<std::size_t>(length), '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    const auto got = ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) storage_failed("read", path, errno);
    if (got == 0) break;  // the file is shorter than it was a moment ago: return what there is
    done += static_cast<std::size_t>(got);
  }
  out.resize(done);
  return out;
}
}  // namespace

FileMediaStore::FileMediaStore(std::filesystem::path root) : root_(std::move(root)) {
  std::error_code error;
  std::filesystem::create_directories(root_, error);
  if (error || !std::filesystem::is_directory(root_))
    throw std::runtime_error("cannot create the media directory " + root_.string() + ": " + error.message());
}

std::filesystem::path FileMediaStore::path_of(std::string_view key) const { return root_ / std::string(key); }

Result<void> FileMediaStore::put(std::string_view key, std::string_view bytes) {
  if (!is_valid_media_key(key)) return invalid_key();
  if (exists(key)) return {};  // content-addressed: the same name always holds the same bytes
  const auto temporary = write_temporary(root_, bytes);
  const auto target = path_of(key);
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    storage_failed("rename", target, error);
  }
  sync_directory(root_);
  return {};
}

Result<void> FileMediaStore::remove(std::string_view key) {
  if (!is_valid_media_key(key)) return invalid_key();
  const auto path = path_of(key);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) storage_failed("remove", path, errno);
  return {};
}

bool FileMediaStore::exists(std::string_view key) const { return size(key).has_value(); }

std::optional<std::uint64_t> FileMediaStore::size(std::string_view key) const {
  if (!is_valid_media_key(key)) return std::nullopt;
  const auto path = path_of(key);
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    if (is_absence(errno)) return std::nullopt;
    storage_failed("stat", path, errno);
  }
  if (!S_ISREG(info.st_mode)) return std::nullopt;
  return static_cast<std::uint64_t>(info.st_size);
}

std::optional<std::string> FileMediaStore::read_range(std::string_view key, std::uint64_t offset,
                                                      std::uint64_t length) const {
  if (!is_valid_media_key(key)) return std::nullopt;
  const auto path = path_of(key);
  struct stat info {};
  FileDescriptor fd(open_regular(path, info));
  if (fd.get() < 0) {
    if (is_absence(errno)) return std::nullopt;
    storage_failed("open", path, errno);
  }
  const auto file_size = static_cast<std::uint64_t>(info.st_size);
  if (offset >= file_size) return std::string();
  return read_at(fd.get(), offset, std::min(length, file_size - offset), path);
}

}  // namespace emporium::media
