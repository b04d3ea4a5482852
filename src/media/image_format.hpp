#pragma once

#include <optional>
#include <string_view>

namespace emporium::media {

// The image formats an upload may be in.
enum class ImageFormat { Jpeg, Png, WebP, Gif, Avif, Heic };

// The format the bytes are in, judged by their signature alone (never by a file name or a declared
// Content-Type); nullopt for anything else, including formats libvips could read but we do not accept.
std::optional<ImageFormat> sniff_image_format(std::string_view bytes);

// "jpeg", "png", "webp", "gif", "avif", "heic".
std::string_view format_name(ImageFormat format);

}  // namespace emporium::media
