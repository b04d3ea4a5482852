#include "media/image_decoding.hpp"

#include <cstdint>

#include "media/image_encoding.hpp"
#include "media/media_errors.hpp"
#include "support/log.hpp"

namespace emporium::media {
namespace {
// Every loader is asked for sequential access (the pixels are decoded once, top to bottom, straight into
// memory) and to fail on truncation (by default a truncated JPEG loads with a warning and grey rows).
int load(std::string_view bytes, ImageFormat format, VipsImage** out) {
  // The loaders take `void*` but only read: the buffer is wrapped, not copied.
  void* data = const_cast<char*>(bytes.data());
  const auto size = bytes.size();
  const auto access = VIPS_ACCESS_SEQUENTIAL;
  const auto fail_on = VIPS_FAIL_ON_TRUNCATED;
  switch (format) {
    case ImageFormat::Jpeg:
      return vips_jpegload_buffer(data, size, out, "access", access, "fail_on", fail_on, nullptr);
    case ImageFormat::Png:
      return vips_pngload_buffer(data, size, out, "access", access, "fail_on", fail_on, nullptr);
    case ImageFormat::WebP:
      return vips_webpload_buffer(data, size, out, "access", access, "fail_on", fail_on, nullptr);
    case ImageFormat::Gif:
      return vips_gifload_buffer(data, size, out, "access", access, "fail_on", fail_on, nullptr);
    case ImageFormat::Avif:
    case ImageFormat::Heic:
      return vips_heifload_buffer(data, size, out, "access", access, "fail_on", fail_on, nullptr);
  }
  return -1;
}

Problem unreadable(std::string_view stage) {
  log::info("image refused", {{"stage", stage}, {"error", take_vips_error()}});
  return errors::image_unreadable();
}

// One step of a pipeline: `step` makes `out` from `in`; nullopt (error text left in the buffer) on failure.
template <class Step>
std::optional<VipsImagePtr> apply(VipsImage* in, Step step) {
  VipsImage* out = nullptr;
  if (step(in, &out) != 0) return std::nullopt;
  return VipsImagePtr(out);
}

// Colours as a browser shows them: the embedded profile applied when there is one (CMYK, Display P3, Adobe
// RGB), otherwise a plain conversion (16-bit, grey, CMYK without profile); always 8 bits per channel.
std::optional<VipsImagePtr> to_srgb(VipsImage* image) {
  if (vips_image_get_typeof(image, VIPS_META_ICC_NAME)) {
    auto converted = apply(image, [](VipsImage* in, VipsImage** out) {
      return vips_icc_transform(in, out, "srgb", "embedded", TRUE, "depth", 8, nullptr);
    });
    if (converted) return converted;
    log::info("embedded ICC profile unusable, converting without it", {{"error", take_vips_error()}});
  }
  std::optional<VipsImagePtr> current = apply(image, [](VipsImage* in, VipsImage** out) {
    return vips_image_get_interpretation(in) == VIPS_INTERPRETATION_sRGB
               ? vips_copy(in, out, nullptr)
               : vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, nullptr);
  });
  if (!current || vips_image_get_format(current->get()) == VIPS_FORMAT_UCHAR) return current;
  return apply(current->get(),
               [](VipsImage* in, VipsImage** out) { return vips_cast(in, out, VIPS_FORMAT_UCHAR, nullptr); });
}
}  // namespace

Result<VipsImagePtr> open_image(std::string_view bytes, ImageFormat format) {
  VipsImage* image = nullptr;
  if (load(bytes, format, &image) != 0) return unreadable("header");
  return VipsImagePtr(image);
}

std::optional<Problem> check_pixel_budget(VipsImage* header, const ImageLimits& limits) {
  const auto width = static_cast<std::uint64_t>(vips_image_get_width(header));
  const auto height = static_cast<std::uint64_t>(vips_image_get_height(header));
  if (width * height <= limits.max_pixels) return std::nullopt;
  return errors::image_too_large("The image has " + std::to_string(width) + " × " + std::to_string(height) +
                                 " pixels; the limit is " + std::to_string(limits.max_pixels) + " pixels.");
}

Result<VipsImagePtr> decode_upright(VipsImage* header) {
  auto srgb = to_srgb(header);
  if (!srgb) return unreadable("colour conversion");
  // Decoding happens here, once; the renditions and the original are then made from memory.
  VipsImagePtr decoded(vips_image_copy_memory(srgb->get()));
  if (!decoded) return unreadable("decoding");
  auto upright = apply(decoded.get(), [](VipsImage* in, VipsImage** out) { return vips_autorot(in, out, nullptr); });
  if (!upright) return unreadable("rotation");
  return without_metadata(upright->get());
}

}  // namespace emporium::media
