#include "media/image_processor.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "media/image_format.hpp"
#include "media/test_images.hpp"
#include "media/vips_runtime.hpp"
#include "support/strings.hpp"

namespace emporium::media {
namespace {
using testing::decode;

const ImageProcessor& processor() {
  static const ImageProcessor instance;
  return instance;
}

ProcessedImage processed(std::string_view bytes) {
  auto result = processor().process(bytes);
  if (!result) throw std::runtime_error("processing failed: " + result.error().code + ": " + result.error().detail);
  return std::move(*result);
}

const Rendition& rendition(const ProcessedImage& image, std::string_view name, std::string_view format) {
  const auto found = std::find_if(image.renditions.begin(), image.renditions.end(),
                                  [&](const auto& r) { return r.name == name && r.format == format; });
  if (found == image.renditions.end()) throw std::runtime_error("no rendition " + std::string(name));
  return *found;
}

struct Box {
  std::string_view name;
  int size = 0;
};
constexpr Box kBoxes[] = {{"thumb", 160}, {"small", 320}, {"medium", 640}, {"large", 1280}};

bool is_metadata(std::string_view field) {
  return field.starts_with("exif-") || field == "xmp-data" || field == "iptc-data" || field == "icc-profile-data" ||
         field == "orientation";
}

// Text an encoder would write if any metadata survived: EXIF/XMP/IPTC/ICC markers and the values we planted.
constexpr std::string_view kLeaks[] = {"exif",    "spycam",        "jane doe",    "xap/1.0",
                                       "xmpmeta", "photoshop 3.0", "icc_profile", "iccp"};

void expect_no_metadata(const Rendition& r) {
  const auto read_back = decode(r.bytes);
  for (const auto& field : read_back.fields)
    EXPECT_FALSE(is_metadata(field)) << r.name << "." << r.format << ": " << field;
  const auto text = to_lower_ascii(r.bytes);
  for (const auto leak : kLeaks)
    EXPECT_EQ(text.find(leak), std::string::npos) << r.name << "." << r.format << ": " << leak;
}

std::string_view expected_content_type(std::string_view format) {
  if (format == "webp") return "image/webp";
  if (format == "avif") return "image/avif";
  if (format == "jpeg") return "image/jpeg";
  return "image/png";
}

// The bytes really are what the rendition says, and the sizes it reports are the ones encoded.
void expect_consistent(const Rendition& r) {
  const auto format = sniff_image_format(r.bytes);
  ASSERT_TRUE(format) << r.name;
  EXPECT_EQ(format_name(*format), r.format);
  EXPECT_EQ(r.content_type, expected_content_type(r.format));
  const auto read_back = decode(r.bytes);
  EXPECT_EQ(read_back.width, r.width) << r.name << "." << r.format;
  EXPECT_EQ(read_back.height, r.height) << r.name << "." << r.format;
}

TEST(ImageProcessor, ReadsAJpegWithItsMetadataFirst) {
  // The test would prove nothing if the input did not carry what must be removed.
  const auto fields = decode(testing::jpeg_with_metadata(300, 200, 6)).fields;
  for (const auto* wanted : {"exif-ifd0-Make", "exif-ifd0-Artist", "exif-ifd3-GPSLatitude", "exif-ifd3-GPSLongitude",
                             "xmp-data", "iptc-data", "icc-profile-data", "orientation"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), wanted), fields.end()) << wanted;
  }
}

TEST(ImageProcessor, RotatesByExifOrientationAndRemovesAllMetadata) {
  const auto image = processed(testing::jpeg_with_metadata(300, 200, 6));
  EXPECT_EQ(image.source_format, "jpeg");
  EXPECT_EQ(image.width, 200);  // orientation 6: turned a quarter, so width and height swap
  EXPECT_EQ(image.height, 300);
  for (const auto& r : image.renditions) {
    expect_consistent(r);
    expect_no_metadata(r);
    EXPECT_LT(r.width, r.height) << r.name << "." << r.format;  // portrait everywhere
  }
  EXPECT_EQ(rendition(image, "original", "jpeg").width, 200);
  EXPECT_EQ(rendition(image, "original", "jpeg").height, 300);
}

TEST(ImageProcessor, MakesEveryRenditionWithinItsBoxWithoutUpscaling) {
  const auto large = processed(testing::photo_jpeg(2000, 1500));
  const auto small = processed(testing::photo_jpeg(300, 200));
  std::vector<std::string> formats{"webp"};
  if (processor().avif_available()) formats.push_back("avif");
  for (const auto& format : formats) {
    for (const auto& box : kBoxes) {
      const auto& big = rendition(large, box.name, format);
      EXPECT_EQ(std::max(big.width, big.height), std::min(box.size, 2000)) << box.name;
      EXPECT_NEAR(big.width * 3.0 / 4.0, big.height, 1.0) << box.name;  // aspect ratio kept
      const auto& tiny = rendition(small, box.name, format);
      EXPECT_LE(tiny.width, std::min(box.size, 300)) << box.name;
      EXPECT_LE(tiny.height, std::min(box.size, 200)) << box.name;
      EXPECT_EQ(std::max(tiny.width, tiny.height), std::min(box.size, 300)) << box.name;
      expect_consistent(big);
      expect_consistent(tiny);
    }
  }
  const auto& original = rendition(large, "original", "jpeg");
  EXPECT_EQ(original.width, 2000);
  EXPECT_EQ(original.height, 1500);
  EXPECT_EQ(large.renditions.size(), formats.size() * 4 + 1);
}

TEST(ImageProcessor, ReportsWhetherAvifIsAvailable) {
  const auto image = processed(testing::photo_jpeg(64, 48));
  const auto avifs =
      std::count_if(image.renditions.begin(), image.renditions.end(), [](const auto& r) { return r.format == "avif"; });
  EXPECT_EQ(avifs, processor().avif_available() ? 4 : 0);
  std::cout << "[ info ] AVIF renditions: " << (processor().avif_available() ? "yes" : "no") << "\n";
}

TEST(ImageProcessor, KeepsAlpha) {
  const auto image = processed(testing::png_with_alpha(400, 300));
  EXPECT_EQ(image.source_format, "png");
  for (const auto& r : image.renditions) {
    expect_consistent(r);
    expect_no_metadata(r);
    EXPECT_TRUE(decode(r.bytes).has_alpha) << r.name << "." << r.format;
  }
  EXPECT_EQ(rendition(image, "original", "png").width, 400);
}

TEST(ImageProcessor, TakesTheFirstFrameOfAnAnimatedGif) {
  const auto image = processed(testing::animated_gif(120, 80, 3));
  EXPECT_EQ(image.source_format, "gif");
  EXPECT_EQ(image.width, 120);
  EXPECT_EQ(image.height, 80);  // one frame, not the three stacked
  const auto& original = rendition(image, "original", "png");
  EXPECT_EQ(original.height, 80);
  for (const auto& r : image.renditions) {
    expect_consistent(r);
    expect_no_metadata(r);
  }
}

TEST(ImageProcessor, ConvertsSixteenBitGreyToEightBitSrgb) {
  const auto image = processed(testing::grey16_png(100, 50));
  const auto& original = rendition(image, "original", "png");
  expect_consistent(original);
  EXPECT_EQ(decode(original.bytes).bands, 3);
}

TEST(ImageProcessor, ReencodesWebpAsWebp) {
  const auto image = processed(testing::webp_image(200, 100));
  EXPECT_EQ(image.source_format, "webp");
  expect_consistent(rendition(image, "original", "webp"));
}

TEST(ImageProcessor, TurnsHeifIntoJpeg) {
  for (const bool avif : {true, false}) {
    const auto bytes = testing::heif_image(200, 100, avif);
    if (!bytes) {
      std::cout << "[ info ] no " << (avif ? "AVIF" : "HEVC") << " encoder here: that input is not tested\n";
      continue;
    }
    const auto image = processed(*bytes);
    EXPECT_EQ(image.source_format, avif ? "avif" : "heic");
    EXPECT_EQ(rendition(image, "original", "jpeg").width, 200);
    for (const auto& r : image.renditions) {
      expect_consistent(r);
      expect_no_metadata(r);
    }
  }
}

TEST(ImageProcessor, RefusesWhatIsNotAnImageWith415) {
  for (const std::string& bytes :
       std::vector<std::string>{std::string("hello, I am a text file named photo.jpg\n"), std::string(),
                                std::string("<svg xmlns='http://www.w3.org/2000/svg'/>"),
                                std::string("II*\0\x08\0\0\0", 8) /* TIFF: libvips reads it, we do not */}) {
    const auto result = processor().process(bytes);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().status, 415);
    EXPECT_EQ(result.error().code, "unsupported_media_type");
  }
}

TEST(ImageProcessor, RefusesTooManyBytesWith413) {
  const ImageProcessor small_limit({.max_bytes = 1000, .max_pixels = 40'000'000});
  const auto result = small_limit.process(testing::photo_jpeg(300, 200));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().status, 413);
}

TEST(ImageProcessor, RefusesADecompressionBombFromItsHeader) {
  const auto bomb = testing::png_bomb(50'000, 50'000);
  ASSERT_LT(bomb.size(), 200u);
  const auto started = std::chrono::steady_clock::now();
  const auto result = processor().process(bomb);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().status, 422);
  EXPECT_EQ(result.error().code, "image_too_large");
  EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(ImageProcessor, AppliesThePixelBudgetToRealImages) {
  const ImageProcessor budget({.max_bytes = 20 * 1024 * 1024, .max_pixels = 300 * 200 - 1});
  EXPECT_EQ(budget.process(testing::photo_jpeg(300, 200)).error().code, "image_too_large");
  EXPECT_TRUE(budget.process(testing::photo_jpeg(299, 200)));
}

TEST(ImageProcessor, RefusesATruncatedJpegAndClearsTheErrorBuffer) {
  const auto jpeg = testing::photo_jpeg(800, 600);
  const auto result = processor().process(std::string_view(jpeg).substr(0, jpeg.size() * 6 / 10));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().status, 422);
  EXPECT_EQ(result.error().code, "image_unreadable");
  EXPECT_STREQ(vips_error_buffer(), "");  // no stale text for the next failure
}

TEST(ImageProcessor, RefusesGarbageBehindAValidSignature) {
  const auto result = processor().process(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x'));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "image_unreadable");
}

TEST(ImageProcessor, ProcessesAPhotoInReasonableTime) {
  const auto jpeg = testing::photo_jpeg(2000, 1500);
  const auto started = std::chrono::steady_clock::now();
  const auto image = processed(jpeg);
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
  std::size_t total = 0;
  for (const auto& r : image.renditions) total += r.bytes.size();
  std::cout << "[ info ] 2000x1500 JPEG (" << jpeg.size() << " bytes) -> " << image.renditions.size() << " renditions ("
            << total << " bytes) in " << elapsed.count() << " ms\n";
  EXPECT_LT(elapsed, std::chrono::seconds(30));  // a guard against pathologies, not a benchmark
}

}  // namespace
}  // namespace emporium::media
