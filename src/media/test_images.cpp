#include "media/test_images.hpp"

#include <zlib.h>

#include <stdexcept>

#include "media/vips_runtime.hpp"

// libx265 (used only here, to make HEIC input) leaks an encoder allocation at exit: not ours to fix, and it
// would fail every run under LeakSanitizer.
extern "C" const char* __lsan_default_suppressions() { return "leak:libx265\n"; }

namespace emporium::media::testing {
namespace {
template <class Make>
VipsImagePtr make(Make make_image) {
  start_vips();
  VipsImage* out = nullptr;
  if (make_image(&out) != 0) throw std::runtime_error("test image: " + take_vips_error());
  return VipsImagePtr(out);
}

template <class Save>
std::string save(Save save_image) {
  void* data = nullptr;
  std::size_t length = 0;
  if (save_image(&data, &length) != 0) throw std::runtime_error("test image: " + take_vips_error());
  return take_vips_buffer(data, length);
}

VipsImagePtr scaled_band(VipsImage* xyz, int band, double scale) {
  auto extracted = make([&](VipsImage** out) { return vips_extract_band(xyz, out, band, nullptr); });
  return make([&](VipsImage** out) { return vips_linear1(extracted.get(), out, scale, 0.0, "uchar", TRUE, nullptr); });
}

// Gradients and a zone plate: detail everywhere, so encoders have real work to do.
VipsImagePtr pattern(int width, int height, int extra_bands = 0) {
  auto xyz = make([&](VipsImage** out) { return vips_xyz(out, width, height, nullptr); });
  auto zone = make([&](VipsImage** out) { return vips_zone(out, width, height, nullptr); });
  auto zone8 =
      make([&](VipsImage** out) { return vips_linear1(zone.get(), out, 127.5, 127.5, "uchar", TRUE, nullptr); });
  auto red = scaled_band(xyz.get(), 0, 255.0 / width);
  auto green = scaled_band(xyz.get(), 1, 255.0 / height);
  std::vector<VipsImage*> bands{red.get(), green.get(), zone8.get()};
  for (int i = 0; i < extra_bands; ++i) bands.push_back(red.get());  // alpha: transparent on the left
  auto joined =
      make([&](VipsImage** out) { return vips_bandjoin(bands.data(), out, static_cast<int>(bands.size()), nullptr); });
  return make([&](VipsImage** out) {
    return vips_copy(joined.get(), out, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr);
  });
}

void set_blob(VipsImage* image, const char* name, std::string_view bytes) {
  vips_image_set_blob_copy(image, name, bytes.data(), bytes.size());
}

constexpr std::string_view kXmp =
    "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
    "<rdf:Description xmlns:exif='http://ns.adobe.com/exif/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/' "
    "exif:GPSLatitude='48,51.4N' exif:GPSLongitude='2,21.1E' dc:creator='Jane Doe'/></rdf:RDF></x:xmpmeta>";

// A Photoshop APP13 segment holding an IPTC-IIM resource (8BIM 0x0404) with record 2:80 (By-line) = "Jane Doe".
const std::string kIptc = std::string(
                              "Photoshop 3.0\0"
                              "8BIM\x04\x04\0\0\0\0\0\x0d",
                              26) +
                          std::string("\x1c\x02\x50\x00\x08Jane Doe\0", 14);

std::string big_endian(std::uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
          static_cast<char>(value)};
}

std::string png_chunk(std::string_view type, std::string_view data) {
  std::string typed = std::string(type) + std::string(data);
  const auto crc = crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()));
  return big_endian(static_cast<std::uint32_t>(data.size())) + typed + big_endian(static_cast<std::uint32_t>(crc));
}
}  // namespace

std::string jpeg_with_metadata(int width, int height, int orientation) {
  auto plain = pattern(width, height);
  // icc_transform attaches the profile it converted to: the JPEG then embeds an ICC profile.
  auto with_profile = make(
      [&](VipsImage** out) { return vips_icc_transform(plain.get(), out, "srgb", "input_profile", "srgb", nullptr); });
  auto image = make([&](VipsImage** out) { return vips_copy(with_profile.get(), out, nullptr); });
  vips_image_set_int(image.get(), "orientation", orientation);
  vips_image_set_string(image.get(), "exif-ifd0-Make", "SpyCam");
  vips_image_set_string(image.get(), "exif-ifd0-Model", "SpyCam 3000");
  vips_image_set_string(image.get(), "exif-ifd0-Artist", "Jane Doe");
  vips_image_set_string(image.get(), "exif-ifd3-GPSLatitudeRef", "N");
  vips_image_set_string(image.get(), "exif-ifd3-GPSLatitude", "48/1 51/1 2400/100");
  vips_image_set_string(image.get(), "exif-ifd3-GPSLongitudeRef", "E");
  vips_image_set_string(image.get(), "exif-ifd3-GPSLongitude", "2/1 21/1 600/100");
  set_blob(image.get(), VIPS_META_XMP_NAME, kXmp);
  set_blob(image.get(), VIPS_META_IPTC_NAME, kIptc);
  return save([&](void** data, std::size_t* length) {
    return vips_jpegsave_buffer(image.get(), data, length, "Q", 90, nullptr);
  });
}

std::string photo_jpeg(int width, int height) {
  auto image = pattern(width, height);
  return save([&](void** data, std::size_t* length) {
    return vips_jpegsave_buffer(image.get(), data, length, "Q", 90, nullptr);
  });
}

std::string png_with_alpha(int width, int height) {
  auto image = pattern(width, height, 1);
  return save(
      [&](void** data, std::size_t* length) { return vips_pngsave_buffer(image.get(), data, length, nullptr); });
}

std::string grey16_png(int width, int height) {
  auto image = pattern(width, height);
  auto grey =
      make([&](VipsImage** out) { return vips_colourspace(image.get(), out, VIPS_INTERPRETATION_GREY16, nullptr); });
  return save([&](void** data, std::size_t* length) { return vips_pngsave_buffer(grey.get(), data, length, nullptr); });
}

std::string animated_gif(int width, int height, int frames) {
  std::vector<VipsImagePtr> pages;
  std::vector<VipsImage*> raw;
  for (int i = 0; i < frames; ++i) {
    pages.push_back(make([&](VipsImage** out) {
      const double colour[] = {80.0 * i, 255.0 - 80.0 * i, 128.0};
      auto black = make([&](VipsImage** b) { return vips_black(b, width, height, "bands", 3, nullptr); });
      return vips_linear(black.get(), out, colour, colour, 3, "uchar", TRUE, nullptr);
    }));
    raw.push_back(pages.back().get());
  }
  auto strip = make([&](VipsImage** out) { return vips_arrayjoin(raw.data(), out, frames, "across", 1, nullptr); });
  auto image = make([&](VipsImage** out) {
    return vips_copy(strip.get(), out, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr);
  });
  std::vector<int> delays(static_cast<std::size_t>(frames), 100);
  vips_image_set_int(image.get(), "page-height", height);
  vips_image_set_array_int(image.get(), "delay", delays.data(), frames);
  vips_image_set_int(image.get(), "loop", 0);
  return save(
      [&](void** data, std::size_t* length) { return vips_gifsave_buffer(image.get(), data, length, nullptr); });
}

std::string webp_image(int width, int height) {
  auto image = pattern(width, height);
  return save(
      [&](void** data, std::size_t* length) { return vips_webpsave_buffer(image.get(), data, length, nullptr); });
}

std::optional<std::string> heif_image(int width, int height, bool avif) {
  auto image = pattern(width, height);
  void* data = nullptr;
  std::size_t length = 0;
  const auto compression = avif ? VIPS_FOREIGN_HEIF_COMPRESSION_AV1 : VIPS_FOREIGN_HEIF_COMPRESSION_HEVC;
  if (vips_heifsave_buffer(image.get(), &data, &length, "compression", compression, "effort", 0, nullptr) != 0) {
    take_vips_error();
    return std::nullopt;
  }
  return take_vips_buffer(data, length);
}

std::string png_bomb(std::uint32_t width, std::uint32_t height) {
  std::string header = big_endian(width) + big_endian(height);
  header += std::string("\x08\x06\x00\x00\x00", 5);  // 8 bits, RGBA, deflate, no filter, no interlace
  // One compressed scanline's worth of zeros: a valid zlib stream, billions of pixels short.
  const std::string zeros(64, '\0');
  std::string compressed(compressBound(zeros.size()), '\0');
  auto compressed_size = static_cast<uLongf>(compressed.size());
  compress(reinterpret_cast<Bytef*>(compressed.data()), &compressed_size, reinterpret_cast<const Bytef*>(zeros.data()),
           zeros.size());
  compressed.resize(compressed_size);
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", header) + png_chunk("IDAT", compressed) +
         png_chunk("IEND", "");
}

Decoded decode(std::string_view bytes) {
  auto image = make([&](VipsImage** out) {
    *out = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
    return *out ? 0 : -1;
  });
  Decoded decoded;
  const char* loader = nullptr;
  if (vips_image_get_string(image.get(), "vips-loader", &loader) == 0) decoded.loader = loader;
  decoded.width = vips_image_get_width(image.get());
  decoded.height = vips_image_get_height(image.get());
  decoded.bands = vips_image_get_bands(image.get());
  decoded.has_alpha = vips_image_hasalpha(image.get());
  gchar** fields = vips_image_get_fields(image.get());
  for (gchar** field = fields; *field; ++field) decoded.fields.emplace_back(*field);
  g_strfreev(fields);
  return decoded;
}

}  // namespace emporium::media::testing
