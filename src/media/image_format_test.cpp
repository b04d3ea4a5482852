#include "media/image_format.hpp"

#include <gtest/gtest.h>

namespace emporium::media {
namespace {

std::string ftyp(std::string_view major, std::string_view compatible) {
  const auto size = static_cast<char>(16 + compatible.size());
  return std::string("\0\0\0", 3) + size + "ftyp" + std::string(major) + std::string(4, '\0') + std::string(compatible);
}

TEST(ImageFormat, RecognisesSignatures) {
  EXPECT_EQ(sniff_image_format("\xff\xd8\xff\xe0 rest"), ImageFormat::Jpeg);
  EXPECT_EQ(sniff_image_format(std::string("\x89PNG\r\n\x1a\n\0\0", 10)), ImageFormat::Png);
  EXPECT_EQ(sniff_image_format("GIF89a..."), ImageFormat::Gif);
  EXPECT_EQ(sniff_image_format("GIF87a..."), ImageFormat::Gif);
  EXPECT_EQ(sniff_image_format(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), ImageFormat::WebP);
  EXPECT_EQ(sniff_image_format(ftyp("avif", "mif1miaf")), ImageFormat::Avif);
  EXPECT_EQ(sniff_image_format(ftyp("mif1", "avifmiaf")), ImageFormat::Avif);
  EXPECT_EQ(sniff_image_format(ftyp("heic", "mif1heic")), ImageFormat::Heic);
  EXPECT_EQ(sniff_image_format(ftyp("mif1", "heic")), ImageFormat::Heic);
}

TEST(ImageFormat, RefusesEverythingElse) {
  for (const std::string& bytes : std::vector<std::string>{
           std::string(), std::string("\xff\xd8"), std::string("\x89PNG\r\n"), std::string("GIF90a"),
           std::string("RIFF\x10\0\0\0WAVEfmt ", 16), std::string("II*\0", 4), std::string("BM"),
           std::string("%PDF-1.7"), std::string("<svg"), ftyp("isom", "mp41"), ftyp("qt  ", "")}) {
    EXPECT_FALSE(sniff_image_format(bytes)) << bytes;
  }
}

TEST(ImageFormat, NamesFormats) {
  EXPECT_EQ(format_name(ImageFormat::Jpeg), "jpeg");
  EXPECT_EQ(format_name(ImageFormat::Heic), "heic");
}

}  // namespace
}  // namespace emporium::media
