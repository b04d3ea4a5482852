#pragma once
// The catalog as the integration tests use it: the people of a store (admin, vendors, a customer), products
// and categories made over HTTP, multipart uploads, and real images made in memory.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts_api.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

namespace emporium::testing {

// The accounts a catalog test acts as: one admin (made with `emporium admin create`), two vendors and a customer.
struct Cast {
  Account admin;
  Account vendor;
  Account other_vendor;
  Account customer;
};
Cast make_cast(const ServerProcess& server, HttpClient& client);
// A new vendor, made by `admin`: a store of its own, so that `?vendor=<id>` lists only what a test made.
Account new_vendor(HttpClient& client, const Account& admin);

// A SKU found nowhere else: "<PREFIX>-<n>-<random>" (letters, digits and '-').
std::string unique_sku(std::string_view prefix = "SKU");
// A word of lower-case letters only (no digits, no '-'), found in no other test's data: a search term.
std::string unique_word();

// A valid product body: name, currency USD, price, sku, stock 5, status active. `name` defaults to a unique one.
boost::json::object product_body(const std::string& sku, std::int64_t price = 1999, std::string name = {});
// `body` with `key` set to `value`.
boost::json::object with(boost::json::object body, std::string_view key, boost::json::value value);
// `body` without `key`.
boost::json::object without(boost::json::object body, std::string_view key);

// POST /api/products as `seller`; throws, quoting the response, unless 201. Returns the product.
boost::json::object create_product(HttpClient& client, const Account& seller, const boost::json::object& body);
// POST /api/categories as `admin`; throws unless 201. Returns the category.
boost::json::object create_category(HttpClient& client, const Account& admin, const std::string& name,
                                    const std::optional<std::string>& parent_id = std::nullopt);
// POST /api/products/:id/variants; throws unless 201. Returns the variant.
boost::json::object add_variant(HttpClient& client, const Account& seller, const std::string& product_id,
                                const boost::json::object& body);

// GET /api/products/:idOrSlug, as `viewer` (anonymous when null), with `headers` added.
HttpResponse get_product(HttpClient& client, const std::string& id_or_slug, const Account* viewer = nullptr,
                         Headers headers = {});
// GET of a product that must be there (200): its JSON. Throws otherwise.
boost::json::object product_json(HttpClient& client, const std::string& id_or_slug, const Account* viewer = nullptr);
// GET `target` (a list URL), as `viewer`; throws unless 200. Returns the body.
boost::json::object list_json(HttpClient& client, const std::string& target, const Account* viewer = nullptr);
// The `id` of every entry of a list's `data`, in order.
std::vector<std::string> ids_of(const boost::json::object& list);

// `If-Match: "<version>"`.
Headers if_match(std::int64_t version, Headers extra = {});
// A query-string value, percent-encoded (RFC 3986 unreserved characters stay).
std::string url_encode(std::string_view text);

// One part of a multipart/form-data body.
struct FormPart {
  std::string name;
  std::string body;
  std::optional<std::string> filename;
  std::optional<std::string> content_type;
};
struct FormBody {
  std::string content_type;  // multipart/form-data; boundary=…
  std::string body;
};
FormBody multipart(const std::vector<FormPart>& parts);
// POST /api/products/:id/images with a `file` part (and an `alt` part when given).
HttpResponse upload_image(HttpClient& client, const Account& seller, const std::string& product_id,
                          const std::string& bytes, const std::string& filename = "photo.png",
                          const std::string& content_type = "image/png",
                          const std::optional<std::string>& alt = std::nullopt);

// A real PNG (8-bit RGBA, or RGB without alpha), its pixels a pattern chosen by `seed`: different seeds give
// different images. Uncompressed deflate blocks, so it needs no zlib.
std::string png_image(int width, int height, std::uint32_t seed = 1, bool alpha = true);
// A PNG whose header claims width × height pixels but that holds almost no data: a decompression bomb.
std::string png_claiming(std::uint32_t width, std::uint32_t height);
// A JPEG (made by the `vips` command of libvips-tools) carrying EXIF with `orientation`, the camera make
// kSecretMake, the artist kSecretArtist and a GPS latitude: metadata an upload must never publish.
inline constexpr std::string_view kSecretMake = "SecretCam";
inline constexpr std::string_view kSecretArtist = "Secret Artist";
std::string jpeg_with_exif(int width, int height, int orientation);

}  // namespace emporium::testing
