#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace emporium::media {

// Stored media are named by content: `<first 40 hex digits of sha256(bytes)>.<extension>`, e.g.
// "3f786850e387550fdab836ed7e6dc881de23001b.webp". The same bytes always get the same name, so a file never
// changes once written and can be cached forever. The name is all a client may choose when reading media, so
// only names of exactly this shape are ever turned into paths.

// The extensions media are stored under: "webp", "avif", "jpg", "png".
bool is_media_extension(std::string_view extension);

// The key for `bytes` stored with `extension`. Throws std::invalid_argument for an unknown extension (a bug).
std::string media_key(std::string_view bytes, std::string_view extension);

// True for 40 lower-case hex digits, a dot and a known extension; nothing else (no "..", no slash, no
// upper case, no percent sign) can pass.
bool is_valid_media_key(std::string_view key);

// The 40 hex digits of a valid key (its strong ETag, unquoted); nullopt for an invalid one.
std::optional<std::string_view> media_key_hash(std::string_view key);

// "image/webp" for a valid key ending in ".webp", and so on; nullopt for an invalid key.
std::optional<std::string_view> media_content_type(std::string_view key);

// The extension media of this format ("webp", "avif", "jpeg", "png") are stored under; nullopt otherwise.
std::optional<std::string_view> extension_for_format(std::string_view format);

}  // namespace emporium::media
