#include "media/vips_runtime.hpp"

#include <mutex>
#include <stdexcept>

#include "support/log.hpp"

namespace emporium::media {
namespace {
// Operations the cache may keep; uploads never repeat, so it only needs to serve one pipeline's repeats.
constexpr int kCachedOperations = 16;
constexpr std::size_t kCacheBytes = 16 * 1024 * 1024;
constexpr int kCachedFiles = 8;

bool avif_available = false;

// A tiny image through heifsave/AV1: libheif may be built without an AV1 encoder, or the encoder may be
// missing at run time; better to find out once than on every upload.
bool probe_avif() {
  VipsImage* black = nullptr;
  if (vips_black(&black, 16, 16, "bands", 3, nullptr) != 0) {
    take_vips_error();
    return false;
  }
  VipsImagePtr image(black);
  void* data = nullptr;
  std::size_t length = 0;
  const bool ok = vips_heifsave_buffer(image.get(), &data, &length, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1,
                                       "effort", 0, nullptr) == 0;
  if (ok)
    g_free(data);
  else
    log::warn("AVIF encoding is not available; serving WebP renditions only", {{"error", take_vips_error()}});
  return ok;
}

// libvips reports per-image oddities ("ignoring nclx profile", "error in tile …") as GLib warnings on stderr;
// failures that matter reach us through the error buffer, so these only go to the debug log.
void log_vips_warning(const gchar*, GLogLevelFlags, const gchar* message, gpointer) {
  log::debug("libvips warning", {{"message", message ? message : ""}});
}

void start_once() {
  if (vips_init("emporium") != 0) throw std::runtime_error("libvips failed to start: " + take_vips_error());
  g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE), log_vips_warning,
                    nullptr);
  vips_block_untrusted_set(TRUE);
  vips_concurrency_set(1);
  vips_cache_set_max(kCachedOperations);
  vips_cache_set_max_mem(kCacheBytes);
  vips_cache_set_max_files(kCachedFiles);
  avif_available = probe_avif();
}

std::once_flag started;
}  // namespace

void start_vips() { std::call_once(started, start_once); }

bool vips_can_encode_avif() {
  start_vips();
  return avif_available;
}

std::string take_vips_error() {
  char* copy = vips_error_buffer_copy();  // copies and clears
  std::string text = copy ? copy : "";
  g_free(copy);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

std::string take_vips_buffer(void* data, std::size_t length) {
  std::string bytes(static_cast<const char*>(data), length);
  g_free(data);
  return bytes;
}

}  // namespace emporium::media
