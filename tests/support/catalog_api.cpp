#include "catalog_api.hpp"

#include <unistd.h>

#include <boost/json/array.hpp>

#include <array>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <stdexcept>

#include "child_process.hpp"
#include "sandbox.hpp"

namespace emporium::testing {
namespace json = boost::json;

namespace {

Headers viewer_headers(const Account* viewer, Headers extra = {}) {
  if (!viewer) return extra;
  return bearer(viewer->access_token, std::move(extra));
}

// ---- PNG by hand --------------------------------------------------------------------------------------------

std::uint32_t crc32(std::string_view bytes) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (const char byte : bytes) c = table[(c ^ static_cast<unsigned char>(byte)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::uint32_t adler32(std::string_view bytes) {
  std::uint32_t a = 1;
  std::uint32_t b = 0;
  for (const char byte : bytes) {
    a = (a + static_cast<unsigned char>(byte)) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

void put_be32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}

void put_chunk(std::string& png, std::string_view type, std::string_view data) {
  put_be32(png, static_cast<std::uint32_t>(data.size()));
  std::string typed(type);
  typed.append(data);
  png += typed;
  put_be32(png, crc32(typed));
}

// A zlib stream of stored (uncompressed) deflate blocks.
std::string zlib_stored(std::string_view raw) {
  std::string out{"\x78\x01", 2};
  std::size_t at = 0;
  do {
    const auto length = std::min<std::size_t>(65535, raw.size() - at);
    const bool last = at + length == raw.size();
    out += static_cast<char>(last ? 1 : 0);
    out += static_cast<char>(length & 0xFF);
    out += static_cast<char>((length >> 8) & 0xFF);
    out += static_cast<char>(~length & 0xFF);
    out += static_cast<char>((~length >> 8) & 0xFF);
    out.append(raw.substr(at, length));
    at += length;
  } while (at < raw.size());
  put_be32(out, adler32(raw));
  return out;
}

std::string png_file(std::uint32_t width, std::uint32_t height, bool alpha, std::string_view idat) {
  std::string png{"\x89PNG\r\n\x1a\n", 8};
  std::string header;
  put_be32(header, width);
  put_be32(header, height);
  header += static_cast<char>(8);              // bit depth
  header += static_cast<char>(alpha ? 6 : 2);  // RGBA or RGB
  header.append(3, '\0');                      // deflate, adaptive filtering, no interlace
  put_chunk(png, "IHDR", header);
  put_chunk(png, "IDAT", idat);
  put_chunk(png, "IEND", "");
  return png;
}

// ---- JPEG with EXIF -----------------------------------------------------------------------------------------

void put_be16(std::string& out, std::uint16_t value) {
  out += static_cast<char>((value >> 8) & 0xFF);
  out += static_cast<char>(value & 0xFF);
}

void put_entry(std::string& out, std::uint16_t tag, std::uint16_t type, std::uint32_t count, std::uint32_t value) {
  put_be16(out, tag);
  put_be16(out, type);
  put_be32(out, count);
  put_be32(out, value);
}

// A big-endian TIFF block: IFD0 with Make, Orientation, Artist and a GPS IFD with a latitude.
std::string exif_block(int orientation) {
  constexpr std::uint16_t kAscii = 2, kShort = 3, kLong = 4, kRational = 5;
  const std::string make = std::string(kSecretMake) + '\0';
  const std::string artist = std::string(kSecretArtist) + '\0';
  const std::uint32_t ifd0 = 8, ifd0_end = ifd0 + 2 + 4 * 12 + 4;
  const std::uint32_t make_at = ifd0_end, artist_at = make_at + static_cast<std::uint32_t>(make.size());
  const std::uint32_t gps_at = artist_at + static_cast<std::uint32_t>(artist.size());
  const std::uint32_t latitude_at = gps_at + 2 + 2 * 12 + 4;
  std::string tiff{"MM\0\x2A", 4};
  put_be32(tiff, ifd0);
  put_be16(tiff, 4);
  put_entry(tiff, 0x010F, kAscii, static_cast<std::uint32_t>(make.size()), make_at);
  put_entry(tiff, 0x0112, kShort, 1, static_cast<std::uint32_t>(orientation) << 16);
  put_entry(tiff, 0x013B, kAscii, static_cast<std::uint32_t>(artist.size()), artist_at);
  put_entry(tiff, 0x8825, kLong, 1, gps_at);
  put_be32(tiff, 0);
  tiff += make + artist;
  put_be16(tiff, 2);
  put_entry(tiff, 0x0001, kAscii, 2, 0x4E000000);  // "N"
  put_entry(tiff, 0x0002, kRational, 3, latitude_at);
  put_be32(tiff, 0);
  for (const std::uint32_t part : {51u, 30u, 7u}) {
    put_be32(tiff, part);
    put_be32(tiff, 1);
  }
  return std::string("Exif\0\0", 6) + tiff;
}

std::string find_in_path(const std::string& program) {
  std::istringstream path(optional_env("PATH").value_or("/usr/bin:/bin"));
  for (std::string dir; std::getline(path, dir, ':');) {
    const auto candidate = std::filesystem::path(dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  throw std::runtime_error(program + " is not on PATH: install libvips-tools (scripts/bootstrap does)");
}

void run_vips(const std::vector<std::string>& args) {
  std::vector<std::string> argv{find_in_path("vips")};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess process(argv, child_environment({}));
  const auto code = process.wait_for_exit(std::chrono::seconds(30));
  process.finish_reading();
  if (code != 0) throw std::runtime_error("vips failed: " + process.err().text());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

Account new_vendor(HttpClient& client, const Account& admin) { return promoted_account(client, admin, "vendor"); }

Cast make_cast(const ServerProcess& server, HttpClient& client) {
  Cast cast;
  cast.admin = create_account_by_cli(server, client, "admin", unique_email("catalog-admin"));
  cast.vendor = new_vendor(client, cast.admin);
  cast.other_vendor = new_vendor(client, cast.admin);
  cast.customer = register_account(client, unique_email("catalog-customer"));
  return cast;
}

std::string unique_sku(std::string_view prefix) {
  auto tag = unique_tag(prefix);
  for (auto& c : tag)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return tag;
}

std::string unique_word() {
  static std::atomic<std::uint64_t> counter{0};
  static const std::uint64_t run = std::random_device{}();
  // SplitMix64 of the run and a counter, spelt in base 26: letters only, and two such words are almost never
  // within a typo (or a prefix) of each other, so that a search for one finds nothing another test made.
  std::uint64_t z = (run << 20) + ++counter + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  std::string word = "zq";
  for (int i = 0; i < 8; ++i) {
    word += static_cast<char>('a' + z % 26);
    z /= 26;
  }
  return word;
}

json::object product_body(const std::string& sku, std::int64_t price, std::string name) {
  if (name.empty()) name = "Product " + unique_tag("p");
  return {{"name", name}, {"currency", "USD"}, {"price", price}, {"sku", sku}, {"stock", 5}, {"status", "active"}};
}

json::object with(json::object body, std::string_view key, json::value value) {
  body[key] = std::move(value);
  return body;
}

json::object without(json::object body, std::string_view key) {
  body.erase(key);
  return body;
}

json::object create_product(HttpClient& client, const Account& seller, const json::object& body) {
  const auto response = send_json(client, "POST", "/api/products", body, bearer(seller.access_token));
  if (response.status != 201) throw_failed("creating a product as " + seller.email, response);
  return response.json_object();
}

json::object create_category(HttpClient& client, const Account& admin, const std::string& name,
                             const std::optional<std::string>& parent_id) {
  json::object body{{"name", name}};
  if (parent_id) body["parentId"] = *parent_id;
  const auto response = send_json(client, "POST", "/api/categories", body, bearer(admin.access_token));
  if (response.status != 201) throw_failed("creating the category " + name, response);
  return response.json_object();
}

json::object add_variant(HttpClient& client, const Account& seller, const std::string& product_id,
                         const json::object& body) {
  const auto response =
      send_json(client, "POST", "/api/products/" + product_id + "/variants", body, bearer(seller.access_token));
  if (response.status != 201) throw_failed("adding a variant to " + product_id, response);
  return response.json_object();
}

HttpResponse get_product(HttpClient& client, const std::string& id_or_slug, const Account* viewer, Headers headers) {
  return client.get("/api/products/" + id_or_slug, viewer_headers(viewer, std::move(headers)));
}

json::object product_json(HttpClient& client, const std::string& id_or_slug, const Account* viewer) {
  const auto response = get_product(client, id_or_slug, viewer);
  if (response.status != 200) throw_failed("reading the product " + id_or_slug, response);
  return response.json_object();
}

json::object list_json(HttpClient& client, const std::string& target, const Account* viewer) {
  const auto response = client.get(target, viewer_headers(viewer));
  if (response.status != 200) throw_failed("GET " + target, response);
  return response.json_object();
}

std::vector<std::string> ids_of(const json::object& list) {
  std::vector<std::string> ids;
  for (const auto& item : list.at("data").as_array()) ids.emplace_back(item.at("id").as_string());
  return ids;
}

Headers if_match(std::int64_t version, Headers extra) {
  Headers headers{{"If-Match", "\"" + std::to_string(version) + "\""}};
  headers.insert(headers.end(), extra.begin(), extra.end());
  return headers;
}

std::string url_encode(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

FormBody multipart(const std::vector<FormPart>& parts) {
  const std::string boundary = "----emporium-test-" + unique_tag("b");
  std::string body;
  for (const auto& part : parts) {
    body += "--" + boundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"" + part.name + "\"";
    if (part.filename) body += "; filename=\"" + *part.filename + "\"";
    body += "\r\n";
    if (part.content_type) body += "Content-Type: " + *part.content_type + "\r\n";
    body += "\r\n" + part.body + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  return {"multipart/form-data; boundary=" + boundary, std::move(body)};
}

HttpResponse upload_image(HttpClient& client, const Account& seller, const std::string& product_id,
                          const std::string& bytes, const std::string& filename, const std::string& content_type,
                          const std::optional<std::string>& alt) {
  std::vector<FormPart> parts{{"file", bytes, filename, content_type}};
  if (alt) parts.push_back({"alt", *alt, std::nullopt, std::nullopt});
  const auto form = multipart(parts);
  return client.request("POST", "/api/products/" + product_id + "/images",
                        bearer(seller.access_token, {{"Content-Type", form.content_type}}), form.body);
}

std::string png_image(int width, int height, std::uint32_t seed, bool alpha) {
  const int channels = alpha ? 4 : 3;
  std::string raw;
  raw.reserve(static_cast<std::size_t>(height) * (1 + static_cast<std::size_t>(width * channels)));
  for (int y = 0; y < height; ++y) {
    raw += '\0';  // filter: none
    for (int x = 0; x < width; ++x) {
      raw += static_cast<char>((x * 255 / std::max(1, width - 1) + seed * 37) & 0xFF);
      raw += static_cast<char>((y * 255 / std::max(1, height - 1) + seed * 91) & 0xFF);
      raw += static_cast<char>(((x ^ y) * 7 + seed * 13) & 0xFF);
      if (alpha) raw += static_cast<char>(x < width / 2 ? 255 : 128);
    }
  }
  return png_file(static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height), alpha, zlib_stored(raw));
}

std::string png_claiming(std::uint32_t width, std::uint32_t height) {
  // One row's worth of zeros: the header is all a careful decoder reads before refusing.
  return png_file(width, height, false, zlib_stored(std::string(64, '\0')));
}

std::string jpeg_with_exif(int width, int height, int orientation) {
  TempDir dir;
  const auto file = dir.path() / "plain.jpg";
  run_vips({"black", file.string(), std::to_string(width), std::to_string(height), "--bands", "3"});
  const auto plain = read_file(file);
  if (plain.size() < 4 || plain.substr(0, 2) != "\xFF\xD8") throw std::runtime_error("vips wrote no JPEG");
  const auto exif = exif_block(orientation);
  std::string segment("\xFF\xE1", 2);
  put_be16(segment, static_cast<std::uint16_t>(exif.size() + 2));
  return plain.substr(0, 2) + segment + exif + plain.substr(2);
}

}  // namespace emporium::testing
