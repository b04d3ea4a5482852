#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "media/vips_runtime.hpp"

namespace emporium::media {

// The formats renditions and sanitised originals are written in.
enum class Encoding { WebP, Avif, Jpeg, Png };

std::string_view encoding_name(Encoding encoding);          // "webp", "avif", "jpeg", "png"
std::string_view encoding_content_type(Encoding encoding);  // "image/webp", …

// A view of `image` with every metadata field removed (EXIF, XMP, IPTC, ICC, orientation, comments, loader
// hints): only the pixels and the basic header remain.
VipsImagePtr without_metadata(VipsImage* image);

// `image` (8-bit sRGB, with or without alpha) encoded as `encoding`, without any metadata: they are removed
// from a copy first and the saver is asked to strip; WebP's EXIF, XMP and ICC chunks are also removed from
// the encoded container, since webpsave in libvips 8.14 writes EXIF regardless. Nullopt (the error logged)
// when the encoder fails.
std::optional<std::string> encode_image(VipsImage* image, Encoding encoding);

}  // namespace emporium::media
