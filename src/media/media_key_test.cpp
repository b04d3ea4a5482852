#include "media/media_key.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "support/crypto.hpp"

namespace emporium::media {
namespace {

TEST(MediaKey, IsTheContentHashAndTheExtension) {
  const auto key = media_key("some bytes", "webp");
  EXPECT_EQ(key, sha256_hex("some bytes").substr(0, 40) + ".webp");
  EXPECT_EQ(media_key("some bytes", "webp"), key);
  EXPECT_NE(media_key("other bytes", "webp"), key);
  EXPECT_TRUE(is_valid_media_key(key));
  EXPECT_EQ(media_key_hash(key), sha256_hex("some bytes").substr(0, 40));
  EXPECT_THROW(media_key("x", "exe"), std::invalid_argument);
}

TEST(MediaKey, AcceptsOnlyLowerCaseHexAndAKnownExtension) {
  const std::string hash(40, 'a');
  for (const auto* extension : {"webp", "avif", "jpg", "png"}) EXPECT_TRUE(is_valid_media_key(hash + "." + extension));
  for (const std::string& key : std::vector<std::string>{hash,
                                                         hash + ".",
                                                         hash + ".gif",
                                                         hash + ".jpeg",
                                                         hash + ".WEBP",
                                                         hash + ".webp ",
                                                         hash + ".webp/",
                                                         std::string(40, 'A') + ".webp",
                                                         std::string(39, 'a') + ".webp",
                                                         std::string(41, 'a') + ".webp",
                                                         std::string(39, 'a') + "g.webp",
                                                         "../" + hash + ".webp",
                                                         hash + "/../x.webp",
                                                         "/" + hash + ".png",
                                                         hash + ".png.png",
                                                         hash + "%2epng",
                                                         std::string(),
                                                         ".webp",
                                                         "..%2f..%2fetc%2fpasswd",
                                                         "../etc/passwd"}) {
    EXPECT_FALSE(is_valid_media_key(key)) << key;
    EXPECT_FALSE(media_content_type(key)) << key;
  }
  EXPECT_FALSE(is_valid_media_key(hash + std::string(".webp\0", 6)));
}

TEST(MediaKey, KnowsContentTypesAndExtensions) {
  const std::string hash(40, '0');
  EXPECT_EQ(media_content_type(hash + ".webp"), "image/webp");
  EXPECT_EQ(media_content_type(hash + ".avif"), "image/avif");
  EXPECT_EQ(media_content_type(hash + ".jpg"), "image/jpeg");
  EXPECT_EQ(media_content_type(hash + ".png"), "image/png");
  EXPECT_EQ(extension_for_format("jpeg"), "jpg");
  EXPECT_EQ(extension_for_format("webp"), "webp");
  EXPECT_EQ(extension_for_format("gif"), std::nullopt);
}

}  // namespace
}  // namespace emporium::media
