#include "media/media_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <random>
#include <thread>

#include "media/media_key.hpp"

namespace emporium::media {
namespace {
namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("emporium-media-" + std::to_string(random()) + std::to_string(random()));
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::vector<std::string> directory_entries(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) names.push_back(entry.path().filename().string());
  return names;
}

TEST(FileMediaStore, StoresReadsAndRemoves) {
  TemporaryDirectory directory;
  FileMediaStore store(directory.path() / "media");
  const std::string bytes = "\x89PNG not really, but bytes\r\n\0 with a NUL";
  const auto key = media_key(bytes, "png");
  EXPECT_FALSE(store.exists(key));
  EXPECT_EQ(store.read(key), std::nullopt);
  ASSERT_TRUE(store.put(key, bytes));
  EXPECT_TRUE(store.exists(key));
  EXPECT_EQ(store.size(key), bytes.size());
  EXPECT_EQ(store.read(key), bytes);
  EXPECT_EQ(store.read_range(key, 4, 3), bytes.substr(4, 3));
  EXPECT_EQ(store.read_range(key, 10, 1000), bytes.substr(10));
  EXPECT_EQ(store.read_range(key, 1000, 10), "");
  EXPECT_EQ(directory_entries(store.root()), std::vector<std::string>{key});  // no temporary file left behind
  ASSERT_TRUE(store.remove(key));
  EXPECT_FALSE(store.exists(key));
  EXPECT_TRUE(store.remove(key));  // removing twice is fine
}

TEST(FileMediaStore, StoringTheSameKeyTwiceIsANoOp) {
  TemporaryDirectory directory;
  FileMediaStore store(directory.path());
  const auto key = media_key("abc", "webp");
  ASSERT_TRUE(store.put(key, "abc"));
  ASSERT_TRUE(store.put(key, "abc"));
  EXPECT_EQ(store.read(key), "abc");
  EXPECT_EQ(directory_entries(store.root()).size(), 1u);
}

TEST(FileMediaStore, RefusesInvalidKeysEverywhere) {
  TemporaryDirectory directory;
  FileMediaStore store(directory.path() / "media");
  std::ofstream(directory.path() / "secret.txt") << "secret";
  for (const std::string& key :
       std::vector<std::string>{"../secret.txt", "secret.txt", "/etc/passwd", std::string(40, 'A') + ".png",
                                std::string(40, 'a') + ".txt", ".upload-123456", ""}) {
    const auto put = store.put(key, "x");
    ASSERT_FALSE(put) << key;
    EXPECT_EQ(put.error().status, 400);
    EXPECT_EQ(put.error().code, "invalid_media_key");
    EXPECT_FALSE(store.remove(key)) << key;
    EXPECT_FALSE(store.exists(key)) << key;
    EXPECT_EQ(store.size(key), std::nullopt) << key;
    EXPECT_EQ(store.read(key), std::nullopt) << key;
  }
  EXPECT_TRUE(directory_entries(store.root()).empty());
  EXPECT_TRUE(fs::exists(directory.path() / "secret.txt"));
}

TEST(FileMediaStore, DoesNotFollowSymbolicLinks) {
  TemporaryDirectory directory;
  FileMediaStore store(directory.path() / "media");
  std::ofstream(directory.path() / "secret.txt") << "secret";
  const auto key = std::string(40, 'b') + ".png";
  fs::create_symlink(directory.path() / "secret.txt", store.root() / key);
  EXPECT_EQ(store.read(key), std::nullopt);
  EXPECT_EQ(store.size(key), std::nullopt);
}

TEST(FileMediaStore, ReadersSeeTheWholeFileOrNone) {
  TemporaryDirectory directory;
  FileMediaStore store(directory.path());
  const std::string bytes(4 * 1024 * 1024, 'z');
  const auto key = media_key(bytes, "jpg");
  std::atomic<bool> done = false;
  std::atomic<int> partial_reads = 0;
  std::thread reader([&] {
    while (!done) {
      const auto read = store.read(key);
      if (read && read->size() != bytes.size()) ++partial_reads;
    }
  });
  ASSERT_TRUE(store.put(key, bytes));
  done = true;
  reader.join();
  EXPECT_EQ(partial_reads, 0);
  EXPECT_EQ(store.read(key), bytes);
}

}  // namespace
}  // namespace emporium::media
