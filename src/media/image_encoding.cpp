#include "media/image_encoding.hpp"

#include <webp/mux.h>

#include <memory>
#include <new>
#include <string_view>

#include "support/log.hpp"

namespace emporium::media {
namespace {
// Renditions are viewed small and often: good-enough quality, cheap to encode. Originals keep more detail.
constexpr int kWebpQuality = 80;
constexpr int kJpegQuality = 90;
constexpr int kPngCompression = 6;
// AVIF effort 1: measured here on 1280-pixel renditions, ≈ 80 ms and the same size as effort 0, while effort 2
// took ≈ 450 ms (2.5 × WebP) for files no smaller; higher efforts multiply the CPU time of every upload.
constexpr int kAvifQuality = 50;
constexpr int kAvifEffort = 1;

// libvips 8.14's webpsave ignores `strip` and rebuilds an EXIF block from the header even when the image has
// no metadata left (libvips issue #3340; orientation, resolution and sizes leaked in our tests). So the
// container's metadata chunks are removed after encoding, whatever libvips wrote.
std::optional<std::string> without_webp_metadata(std::string_view webp) {
  const WebPData input{reinterpret_cast<const std::uint8_t*>(webp.data()), webp.size()};
  const std::unique_ptr<WebPMux, decltype(&WebPMuxDelete)> mux(WebPMuxCreate(&input, 0), WebPMuxDelete);
  if (!mux) return std::nullopt;
  for (const char* chunk : {"EXIF", "XMP ", "ICCP"}) {
    const auto error = WebPMuxDeleteChunk(mux.get(), chunk);
    if (error != WEBP_MUX_OK && error != WEBP_MUX_NOT_FOUND) return std::nullopt;
  }
  WebPData output;
  WebPDataInit(&output);
  if (WebPMuxAssemble(mux.get(), &output) != WEBP_MUX_OK) return std::nullopt;
  std::string bytes(reinterpret_cast<const char*>(output.bytes), output.size);
  WebPDataClear(&output);
  return bytes;
}

int save(VipsImage* image, Encoding encoding, void** data, std::size_t* length) {
  switch (encoding) {
    case Encoding::WebP:
      return vips_webpsave_buffer(image, data, length, "Q", kWebpQuality, "strip", TRUE, nullptr);
    case Encoding::Avif:
      return vips_heifsave_buffer(image, data, length, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "Q",
                                  kAvifQuality, "effort", kAvifEffort, "strip", TRUE, nullptr);
    case Encoding::Jpeg:
      return vips_jpegsave_buffer(image, data, length, "Q", kJpegQuality, "optimize_coding", TRUE, "strip", TRUE,
                                  nullptr);
    case Encoding::Png:
      return vips_pngsave_buffer(image, data, length, "compression", kPngCompression, "strip", TRUE, nullptr);
  }
  return -1;
}
}  // namespace

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::WebP:
      return "webp";
    case Encoding::Avif:
      return "avif";
    case Encoding::Jpeg:
      return "jpeg";
    case Encoding::Png:
      return "png";
  }
  return "unknown";
}

std::string_view encoding_content_type(Encoding encoding) {
  switch (encoding) {
    case Encoding::WebP:
      return "image/webp";
    case Encoding::Avif:
      return "image/avif";
    case Encoding::Jpeg:
      return "image/jpeg";
    case Encoding::Png:
      return "image/png";
  }
  return "application/octet-stream";
}

VipsImagePtr without_metadata(VipsImage* image) {
  VipsImage* copy = nullptr;
  // vips_copy of an image cannot fail short of memory exhaustion; the copy gets its own metadata table.
  if (vips_copy(image, &copy, nullptr) != 0) throw std::bad_alloc();
  VipsImagePtr stripped(copy);
  gchar** fields = vips_image_get_fields(stripped.get());
  // The basic header (width, bands, …) is not in the metadata table, so removing it is a no-op.
  for (gchar** field = fields; *field; ++field) vips_image_remove(stripped.get(), *field);
  g_strfreev(fields);
  return stripped;
}

std::optional<std::string> encode_image(VipsImage* image, Encoding encoding) {
  const auto stripped = without_metadata(image);
  void* data = nullptr;
  std::size_t length = 0;
  if (save(stripped.get(), encoding, &data, &length) != 0) {
    log::warn("image encoding failed", {{"format", encoding_name(encoding)}, {"error", take_vips_error()}});
    return std::nullopt;
  }
  auto bytes = take_vips_buffer(data, length);
  if (encoding != Encoding::WebP) return bytes;
  auto clean = without_webp_metadata(bytes);
  if (!clean) log::warn("removing WebP metadata failed", {});
  return clean;
}

}  // namespace emporium::media
