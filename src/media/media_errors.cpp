#include "media/media_errors.hpp"

namespace emporium::media::errors {

Problem unsupported_image() {
  return problems::unsupported_media_type("Upload a JPEG, PNG, WebP, GIF, AVIF or HEIC image.");
}

Problem image_bytes_too_large(std::size_t limit_bytes) {
  return problems::payload_too_large(limit_bytes)
      .with_detail("The image exceeds the limit of " + std::to_string(limit_bytes) + " bytes.");
}

Problem image_too_large(std::string detail) {
  return problems::validation_failed({{"image", "is too large"}})
      .with_code("image_too_large")
      .with_detail(std::move(detail));
}

Problem image_unreadable() {
  return problems::validation_failed({{"image", "cannot be decoded"}})
      .with_code("image_unreadable")
      .with_detail("The image is truncated or corrupt.");
}

Problem media_not_found() { return problems::not_found("No such media file."); }

Problem range_not_satisfiable(std::uint64_t size) {
  return Problem{.status = 416,
                 .code = "range_not_satisfiable",
                 .title = "Range not satisfiable",
                 .detail = "The requested range is outside the file's " + std::to_string(size) + " bytes.",
                 .errors = {},
                 .headers = {{"Content-Range", "bytes */" + std::to_string(size)}}};
}

}  // namespace emporium::media::errors
