#include "media/image_processor.hpp"

#include <array>
#include <stdexcept>

#include "media/image_decoding.hpp"
#include "media/image_encoding.hpp"
#include "media/image_format.hpp"
#include "media/media_errors.hpp"
#include "media/vips_runtime.hpp"
#include "support/log.hpp"

namespace emporium::media {
namespace {
struct RenditionSize {
  std::string_view name;
  int box = 0;  // fits a box × box square
};

// Largest first: each rendition is made from the previous one, so only "large" reads the full-size image.
constexpr std::array<RenditionSize, 4> kSizes = {{{"large", 1280}, {"medium", 640}, {"small", 320}, {"thumb", 160}}};

Rendition make_rendition(std::string_view name, VipsImage* image, Encoding encoding, std::string bytes) {
  return Rendition{.name = std::string(name),
                   .format = std::string(encoding_name(encoding)),
                   .content_type = std::string(encoding_content_type(encoding)),
                   .bytes = std::move(bytes),
                   .width = vips_image_get_width(image),
                   .height = vips_image_get_height(image)};
}

// WebP and JPEG/PNG encoders only fail on a bug of ours (the pixels are already decoded, 8-bit sRGB, in
// memory): that is a 500. AVIF is an extra: without it the WebP rendition still serves.
void add_encoded(std::vector<Rendition>& out, std::string_view name, VipsImage* image, Encoding encoding) {
  auto bytes = encode_image(image, encoding);
  if (bytes) {
    out.push_back(make_rendition(name, image, encoding, std::move(*bytes)));
  } else if (encoding != Encoding::Avif) {
    throw std::runtime_error("encoding a decoded image as " + std::string(encoding_name(encoding)) + " failed");
  }
}

VipsImagePtr fit_in_memory(VipsImage* image, int box) {
  VipsImage* resized = nullptr;
  if (vips_thumbnail_image(image, &resized, box, "height", box, "size", VIPS_SIZE_DOWN, nullptr) != 0)
    throw std::runtime_error("resizing a decoded image failed: " + take_vips_error());
  VipsImagePtr lazy(resized);
  VipsImagePtr stored(vips_image_copy_memory(lazy.get()));
  if (!stored) throw std::runtime_error("resizing a decoded image failed: " + take_vips_error());
  return stored;
}

// Browsers show JPEG, PNG, WebP and GIF; HEIC hardly anywhere. JPEG cannot carry alpha: PNG then.
Encoding original_encoding(ImageFormat source, bool has_alpha) {
  switch (source) {
    case ImageFormat::Png:
    case ImageFormat::Gif:
      return Encoding::Png;
    case ImageFormat::WebP:
      return Encoding::WebP;
    case ImageFormat::Jpeg:
    case ImageFormat::Avif:
    case ImageFormat::Heic:
      break;
  }
  return has_alpha ? Encoding::Png : Encoding::Jpeg;
}

std::vector<Rendition> encode_all(VipsImage* upright, ImageFormat source, bool with_avif) {
  std::vector<Rendition> out;
  VipsImagePtr previous(upright);
  g_object_ref(upright);
  for (const auto& size : kSizes) {
    auto resized = fit_in_memory(previous.get(), size.box);
    add_encoded(out, size.name, resized.get(), Encoding::WebP);
    if (with_avif) add_encoded(out, size.name, resized.get(), Encoding::Avif);
    previous = std::move(resized);
  }
  add_encoded(out, "original", upright, original_encoding(source, vips_image_hasalpha(upright)));
  return out;
}
}  // namespace

ImageProcessor::ImageProcessor(ImageLimits limits) : limits_(limits) { start_vips(); }

bool ImageProcessor::avif_available() const { return vips_can_encode_avif(); }

Result<ProcessedImage> ImageProcessor::process(std::string_view bytes) const {
  if (bytes.size() > limits_.max_bytes) return errors::image_bytes_too_large(limits_.max_bytes);
  const auto format = sniff_image_format(bytes);
  if (!format) return errors::unsupported_image();
  const auto header = open_image(bytes, *format);
  if (!header) return header.error();
  if (auto refused = check_pixel_budget(header->get(), limits_)) return std::move(*refused);
  const auto upright = decode_upright(header->get());
  if (!upright) return upright.error();
  return ProcessedImage{.width = vips_image_get_width(upright->get()),
                        .height = vips_image_get_height(upright->get()),
                        .source_format = std::string(format_name(*format)),
                        .renditions = encode_all(upright->get(), *format, avif_available())};
}

}  // namespace emporium::media
