#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "support/problem.hpp"

namespace emporium::media::errors {

// 415 `unsupported_media_type`: not a JPEG, PNG, WebP, GIF, AVIF or HEIC image.
Problem unsupported_image();
// 413 `payload_too_large`: more bytes than an upload may have.
Problem image_bytes_too_large(std::size_t limit_bytes);
// 422 `image_too_large`: more pixels (or frames) than the decoding budget; refused before decoding.
Problem image_too_large(std::string detail);
// 422 `image_unreadable`: the header looked right but the image does not decode (truncated, corrupt).
Problem image_unreadable();
// 404 `not_found`: no such media file (also for every name that is not a valid media key).
Problem media_not_found();
// 416 `range_not_satisfiable` with `Content-Range: bytes */size`.
Problem range_not_satisfiable(std::uint64_t size);

}  // namespace emporium::media::errors
