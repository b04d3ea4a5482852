#pragma once

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "media/media_store.hpp"

namespace emporium::media {

// GET (and HEAD) /media/:file, public: a stored media file by its key, cacheable forever (the name is the
// content's hash). Answers 200, 206 for one byte range, 304 for a matching If-None-Match, 416 for a range
// past the end, and 404 for a missing file or any name that is not a valid media key.
void register_media_routes(http::Router& router, MediaStore& store);

// The handler itself, for tests and for whoever wires media differently.
Result<http::Response> serve_media(const MediaStore& store, const http::Request& request);

}  // namespace emporium::media
