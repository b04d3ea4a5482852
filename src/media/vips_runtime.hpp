#pragma once

#include <vips/vips.h>

#include <memory>
#include <string>

// libvips plumbing for the media domain only: nothing outside src/media includes libvips.
namespace emporium::media {

// Starts libvips once per process, from any thread: risky loaders blocked, one worker thread per pipeline
// and a small operation cache (uploads run side by side on the CPU pool; each must stay cheap and none may
// keep another's pixels alive). Throws std::runtime_error when libvips cannot start.
void start_vips();

// Whether this build of libvips can write AVIF (heifsave with AV1); probed once, by start_vips().
bool vips_can_encode_avif();

struct VipsImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using VipsImagePtr = std::unique_ptr<VipsImage, VipsImageUnref>;

// Takes the text of libvips' error buffer and clears it: the buffer is process-wide, so a message left
// behind would be reported with the next, unrelated failure.
std::string take_vips_error();

// Copies a buffer a libvips saver allocated and frees it.
std::string take_vips_buffer(void* data, std::size_t length);

}  // namespace emporium::media
