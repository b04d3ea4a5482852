#pragma once

#include <string_view>

#include "media/image_format.hpp"
#include "media/image_processor.hpp"
#include "media/vips_runtime.hpp"
#include "support/problem.hpp"

namespace emporium::media {

// `bytes` opened with the loader of `format` and no other (a file that only pretends to be a PNG never reaches
// another loader): the header is read, no pixel is decoded yet. The first frame only; sequential access; a
// truncated file fails when its pixels are decoded. `bytes` must outlive the image. 422 `image_unreadable`
// when even the header is invalid.
Result<VipsImagePtr> open_image(std::string_view bytes, ImageFormat format);

// 422 `image_too_large` when the header announces more pixels than the budget.
std::optional<Problem> check_pixel_budget(VipsImage* header, const ImageLimits& limits);

// Decodes the image into memory as 8-bit sRGB (through its embedded ICC profile when it has one, alpha kept),
// then returns a view of it turned upright by its EXIF orientation with every metadata field removed.
// 422 `image_unreadable` when decoding fails (truncated, corrupt).
Result<VipsImagePtr> decode_upright(VipsImage* header);

}  // namespace emporium::media
