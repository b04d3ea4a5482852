#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "support/problem.hpp"

namespace emporium::media {

// Where media files live, by media key (media_key.hpp). Files never change once written (their name is
// their content's hash), so readers need no locking. Every method refuses a key that is not a valid media
// key (a problem, or nullopt/false), so no other path can ever be read or written. Storage failures (disk
// full, I/O errors) are outages: they throw UnavailableError.
class MediaStore {
 public:
  static constexpr std::uint64_t kToEnd = std::numeric_limits<std::uint64_t>::max();

  virtual ~MediaStore() = default;

  // Stores `bytes` under `key` all at once: a reader sees the whole file or none. Storing a key that is
  // already there does nothing (same name, same bytes). 400 `invalid_media_key` for an invalid key.
  virtual Result<void> put(std::string_view key, std::string_view bytes) = 0;
  // Removes the file; removing one that is not there is not an error. 400 `invalid_media_key` as above.
  virtual Result<void> remove(std::string_view key) = 0;
  virtual bool exists(std::string_view key) const = 0;
  // The file's size in bytes; nullopt when there is no such file (or the key is invalid).
  virtual std::optional<std::uint64_t> size(std::string_view key) const = 0;
  // Up to `length` bytes from `offset` (fewer at the end of the file); nullopt when there is no such file.
  virtual std::optional<std::string> read_range(std::string_view key, std::uint64_t offset,
                                                std::uint64_t length) const = 0;

  std::optional<std::string> read(std::string_view key) const { return read_range(key, 0, kToEnd); }
};

// Files directly under one directory, named by their keys. Writes go to a hidden temporary file in the same
// directory, are flushed, then renamed into place (atomic on POSIX file systems); temporary names start with
// '.', so they are never valid keys and never served. Symbolic links are not followed.
class FileMediaStore final : public MediaStore {
 public:
  // Creates the directory when missing; throws std::runtime_error when it cannot.
  explicit FileMediaStore(std::filesystem::path root);

  Result<void> put(std::string_view key, std::string_view bytes) override;
  Result<void> remove(std::string_view key) override;
  bool exists(std::string_view key) const override;
  std::optional<std::uint64_t> size(std::string_view key) const override;
  std::optional<std::string> read_range(std::string_view key, std::uint64_t offset,
                                        std::uint64_t length) const override;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path path_of(std::string_view key) const;

  std::filesystem::path root_;
};

}  // namespace emporium::media
