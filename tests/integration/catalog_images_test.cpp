// Product images over HTTP with real images made in the test: upload → renditions served under /media with
// immutable cache headers, ETags and ranges; what an upload refuses; alt text and order; files removed with
// the last image that uses them and with an archived product; no path ever leaves the media directory.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "catalog_suite.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

constexpr std::size_t kMaxImageBytes = 256 * 1024;
const std::vector<std::string> kRenditions{"thumb", "small", "medium", "large", "original"};

class Images : public CatalogSuite<Images> {
 public:
  static EnvVars config() { return accounts_config({{"EMPORIUM_MEDIA_MAX_BYTES", std::to_string(kMaxImageBytes)}}); }

 protected:
  static std::string product_of(const Account& seller) {
    auto client = Images::client();
    return str(create_product(client, seller, product_body(unique_sku())).at("id"));
  }
  static std::filesystem::path file_of(const std::string& url) {
    return server().sandbox().data_dir() / "media" / url.substr(url.rfind('/') + 1);
  }
};

std::vector<std::string> urls_of(const json::object& image) {
  std::vector<std::string> urls;
  for (const auto& name : kRenditions) urls.emplace_back(image.at("urls").at(name).as_string());
  return urls;
}

json::object uploaded(HttpClient& client, const Account& seller, const std::string& product_id,
                      const std::string& bytes, const std::optional<std::string>& alt = std::nullopt) {
  const auto response = upload_image(client, seller, product_id, bytes, "photo.png", "image/png", alt);
  if (response.status != 201) throw std::runtime_error("upload failed:\n" + response.describe());
  return response.json_object();
}

std::string image_url(const std::string& product_id, const std::string& image_id) {
  return "/api/products/" + product_id + "/images/" + image_id;
}

TEST_F(Images, AnUploadIsServedInEveryRenditionWithImmutableCaching) {
  auto client = this->client();
  const auto product_id = product_of(vendor());
  const auto response = upload_image(client, vendor(), product_id, png_image(64, 48, 1), "../../evil name.png",
                                     "image/png", "  Front view  ");
  ASSERT_EQ(response.status, 201) << response.describe();
  const auto image = response.json_object();
  const auto image_id = str(image.at("id"));
  EXPECT_TRUE(image_id.starts_with("img_"));
  EXPECT_EQ(response.header("Location"), image_url(product_id, image_id));
  EXPECT_EQ(image.at("width"), json::value(64));
  EXPECT_EQ(image.at("height"), json::value(48));
  EXPECT_EQ(str(image.at("alt")), "Front view");
  EXPECT_EQ(image.at("position"), json::value(0));
  ASSERT_EQ(image.at("urls").as_object().size(), kRenditions.size()) << response.body;

  for (const auto& name : kRenditions) {
    const auto url = str(image.at("urls").at(name));
    ASSERT_TRUE(url.starts_with("/media/")) << url;
    const auto file = client.get(url);
    ASSERT_EQ(file.status, 200) << name << " " << url << "\n" << file.describe();
    EXPECT_EQ(file.header("Cache-Control"), "public, max-age=31536000, immutable") << name;
    const auto hash = url.substr(7, 40);
    EXPECT_EQ(file.header("ETag"), "\"" + hash + "\"") << name;
    const bool png = url.ends_with(".png");
    EXPECT_EQ(file.header("Content-Type"), png ? "image/png" : "image/webp") << name;
    if (png) {
      EXPECT_TRUE(file.body.starts_with("\x89PNG")) << name;
    } else {
      EXPECT_EQ(file.body.substr(0, 4), "RIFF") << name;
      EXPECT_EQ(file.body.substr(8, 4), "WEBP") << name;
    }
    EXPECT_EQ(get_product(client, url.substr(7)).status, 404) << "a media key is not a product slug";

    const auto part = client.get(url, {{"Range", "bytes=0-9"}});
    EXPECT_EQ(part.status, 206) << part.describe();
    EXPECT_EQ(part.body, file.body.substr(0, 10));
    EXPECT_EQ(part.header("Content-Range"), "bytes 0-9/" + std::to_string(file.body.size()));
    const auto tail = client.get(url, {{"Range", "bytes=-4"}});
    EXPECT_EQ(tail.status, 206);
    EXPECT_EQ(tail.body, file.body.substr(file.body.size() - 4));
    EXPECT_EQ(client.get(url, {{"Range", "bytes=999999999-"}}).status, 416);
    const auto cached = client.get(url, {{"If-None-Match", *file.header("ETag")}});
    EXPECT_EQ(cached.status, 304);
    EXPECT_EQ(cached.header("Cache-Control"), "public, max-age=31536000, immutable");
  }
  EXPECT_EQ(str(image.at("urls").at("original")).substr(47), ".png") << "a PNG original stays a PNG";

  const auto product = product_json(client, product_id);
  ASSERT_EQ(product.at("images").as_array().size(), 1u);
  EXPECT_EQ(product.at("images").at(0), image);
  EXPECT_EQ(product.at("version"), json::value(2)) << "an image moves the product's version";
}

TEST_F(Images, AJpegIsTurnedUprightAndPublishesNoMetadata) {
  auto client = this->client();
  const auto product_id = product_of(vendor());
  const auto jpeg = jpeg_with_exif(64, 48, 6);  // stored sideways: upright it is 48 wide and 64 high
  ASSERT_NE(jpeg.find(kSecretArtist), std::string::npos);
  const auto image = uploaded(client, vendor(), product_id, jpeg);
  EXPECT_EQ(image.at("width"), json::value(48)) << "turned by its EXIF orientation";
  EXPECT_EQ(image.at("height"), json::value(64));
  std::vector<std::string> urls = urls_of(image);
  if (const auto* avif = image.if_contains("avifUrls")) {
    for (const auto& [name, url] : avif->as_object()) urls.emplace_back(url.as_string());
  }
  for (const auto& url : urls) {
    const auto file = client.get(url);
    ASSERT_EQ(file.status, 200) << url;
    const auto type = url.ends_with(".jpg") ? "image/jpeg" : url.ends_with(".avif") ? "image/avif" : "image/webp";
    EXPECT_EQ(file.header("Content-Type"), type) << url;
    for (const auto secret : {kSecretMake, kSecretArtist, std::string_view("Exif"), std::string_view("EXIF")})
      EXPECT_EQ(file.body.find(secret), std::string::npos) << url << " leaks " << secret;
  }
  EXPECT_TRUE(str(image.at("urls").at("original")).ends_with(".jpg")) << "a JPEG original stays a JPEG";
}

TEST_F(Images, UploadsThatAreNotImagesOrTooBigAreRefused) {
  auto client = this->client();
  const auto product_id = product_of(vendor());
  const auto target = "/api/products/" + product_id + "/images";
  EXPECT_TRUE(
      is_problem(upload_image(client, vendor(), product_id, "just some text, honestly", "photo.jpg", "image/jpeg"), 415,
                 "unsupported_media_type"))
      << "the type comes from the bytes, not the name";
  EXPECT_TRUE(is_problem(upload_image(client, vendor(), product_id, "", "empty.png"), 415, "unsupported_media_type"));
  const auto png = png_image(64, 48, 2);
  EXPECT_TRUE(
      is_problem(upload_image(client, vendor(), product_id, png.substr(0, png.size() / 2)), 422, "image_unreadable"));
  EXPECT_TRUE(
      is_problem(upload_image(client, vendor(), product_id, png_claiming(50'000, 50'000)), 422, "image_too_large"))
      << "a decompression bomb is refused from its header";

  const auto only_alt = multipart({{"alt", "no file", std::nullopt, std::nullopt}});
  const auto missing = client.request(
      "POST", target, bearer(vendor().access_token, {{"Content-Type", only_alt.content_type}}), only_alt.body);
  ASSERT_TRUE(is_problem(missing, 422, "validation_failed"));
  EXPECT_EQ(error_fields(missing), std::set<std::string>{"file"});
  const auto extra = multipart({{"file", png, "a.png", "image/png"}, {"owner", "me", std::nullopt, std::nullopt}});
  EXPECT_TRUE(is_problem(
      client.request("POST", target, bearer(vendor().access_token, {{"Content-Type", extra.content_type}}), extra.body),
      422, "validation_failed"));
  EXPECT_TRUE(
      is_problem(client.request("POST", target, bearer(vendor().access_token, {{"Content-Type", "image/png"}}), png),
                 415, "unsupported_media_type"))
      << "the upload is multipart/form-data";
  EXPECT_TRUE(is_problem(send_json(client, "POST", target, {{"file", "x"}}, bearer(vendor().access_token)), 415,
                         "unsupported_media_type"));
  EXPECT_TRUE(is_problem(
      client.request("POST", target, bearer(vendor().access_token, {{"Content-Type", "multipart/form-data"}}), "x"),
      400, "malformed_multipart"));

  {
    auto fresh = this->client();
    const auto big = png_image(270, 270, 3);  // over the 256 KiB image limit, within the body limit
    ASSERT_GT(big.size(), kMaxImageBytes);
    EXPECT_TRUE(is_problem(upload_image(fresh, vendor(), product_id, big), 413, "payload_too_large"));
  }
  {
    // Over the route's body limit (the image limit and room for the framing): refused from the declared length.
    auto connection = server().connect();
    connection.send("POST " + target + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + vendor().access_token +
                    "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " +
                    std::to_string(kMaxImageBytes + 128 * 1024) + "\r\n\r\n--x\r\n");
    EXPECT_TRUE(is_problem(connection.read_response(), 413, "payload_too_large"));
  }
  const auto product = product_json(client, product_id);
  EXPECT_EQ(product.at("images"), json::array()) << "nothing was added";
  EXPECT_EQ(product.at("version"), json::value(1));
}

TEST_F(Images, OnlyTheOwnerAndAdminsManageImages) {
  auto client = this->client();
  const auto product_id = product_of(vendor());
  const auto image = uploaded(client, vendor(), product_id, png_image(32, 32, 5));
  const auto url = image_url(product_id, str(image.at("id")));
  const auto png = png_image(32, 32, 6);
  EXPECT_TRUE(is_problem(upload_image(client, other_vendor(), product_id, png), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(upload_image(client, customer(), product_id, png), 403, "forbidden"));
  EXPECT_TRUE(is_problem(send_json(client, "PATCH", url, {{"alt", "mine"}}, bearer(other_vendor().access_token)), 404,
                         "product_not_found"));
  EXPECT_TRUE(is_problem(client.request("DELETE", url, bearer(other_vendor().access_token)), 404, "product_not_found"));
  EXPECT_TRUE(is_problem(client.request("DELETE", url), 401, "unauthorized"));
  EXPECT_TRUE(is_problem(client.request("DELETE", image_url(product_id, "img_nope"), bearer(vendor().access_token)),
                         404, "image_not_found"));
  const auto elsewhere = product_of(vendor());
  EXPECT_TRUE(
      is_problem(client.request("DELETE", image_url(elsewhere, str(image.at("id"))), bearer(vendor().access_token)),
                 404, "image_not_found"))
      << "an image is found under its own product only";
  EXPECT_EQ(product_json(client, product_id).at("images").as_array().size(), 1u);
  EXPECT_EQ(upload_image(client, admin(), product_id, png).status, 201) << "admins manage every product";
}

TEST_F(Images, AltTextAndOrder) {
  auto client = this->client();
  const auto product_id = product_of(vendor());
  const auto first = uploaded(client, vendor(), product_id, png_image(32, 24, 7), "first");
  const auto second = uploaded(client, vendor(), product_id, png_image(32, 24, 8), "second");
  EXPECT_EQ(second.at("position"), json::value(1)) << "a new image goes last";
  const auto patch = [&](const json::object& image, const json::object& body) {
    return send_json(client, "PATCH", image_url(product_id, str(image.at("id"))), body, bearer(vendor().access_token));
  };
  const auto moved = patch(second, {{"position", 0}, {"alt", "Now first"}});
  ASSERT_EQ(moved.status, 200) << moved.describe();
  EXPECT_EQ(str(moved.json_object().at("alt")), "Now first");
  ASSERT_EQ(patch(first, {{"position", 5}}).status, 200);
  const auto images = product_json(client, product_id).at("images").as_array();
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].at("id"), second.at("id")) << "images come in position order";
  EXPECT_EQ(images[1].at("alt"), json::value("first")) << "PATCH keeps what it does not name";

  EXPECT_TRUE(is_problem(patch(first, {{"alt", std::string(501, 'a')}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(patch(first, {{"position", -1}}), 422, "validation_failed"));
  EXPECT_TRUE(is_problem(patch(first, {{"urls", json::object{}}}), 422, "validation_failed"));
  EXPECT_EQ(product_json(client, product_id).at("images").as_array(), images) << "refused changes changed nothing";
}

TEST_F(Images, DeletingAnImageRemovesFilesNoOtherImageUses) {
  auto client = this->client();
  const auto a = product_of(vendor());
  const auto b = product_of(vendor());
  const auto bytes = png_image(48, 48, 9);
  const auto on_a = uploaded(client, vendor(), a, bytes);
  const auto on_b = uploaded(client, vendor(), b, bytes);
  ASSERT_EQ(on_a.at("urls"), on_b.at("urls")) << "the same bytes share their files";
  const auto urls = urls_of(on_a);

  const auto deleted = client.request("DELETE", image_url(a, str(on_a.at("id"))), bearer(vendor().access_token));
  ASSERT_EQ(deleted.status, 204) << deleted.describe();
  EXPECT_EQ(product_json(client, a).at("images"), json::array());
  for (const auto& url : urls) {
    EXPECT_EQ(client.get(url).status, 200) << url << " is still used by the other image";
    EXPECT_TRUE(std::filesystem::exists(file_of(url)));
  }
  ASSERT_EQ(client.request("DELETE", image_url(b, str(on_b.at("id"))), bearer(vendor().access_token)).status, 204);
  for (const auto& url : urls) {
    EXPECT_EQ(client.get(url).status, 404) << url;
    EXPECT_FALSE(std::filesystem::exists(file_of(url))) << url;
  }
  EXPECT_TRUE(is_problem(client.request("DELETE", image_url(b, str(on_b.at("id"))), bearer(vendor().access_token)), 404,
                         "image_not_found"));
}

TEST_F(Images, ArchivingAProductRemovesItsImageFiles) {
  auto client = this->client();
  const auto product_id = product_of(vendor());
  const auto kept = product_of(vendor());
  const auto shared_bytes = png_image(40, 40, 10);
  const auto own = uploaded(client, vendor(), product_id, png_image(40, 40, 12));
  const auto shared = uploaded(client, vendor(), product_id, shared_bytes);
  uploaded(client, vendor(), kept, shared_bytes);
  ASSERT_EQ(client.request("DELETE", "/api/products/" + product_id, bearer(vendor().access_token)).status, 204);
  for (const auto& url : urls_of(own)) {
    EXPECT_EQ(client.get(url).status, 404) << url;
    EXPECT_FALSE(std::filesystem::exists(file_of(url))) << url;
  }
  for (const auto& url : urls_of(shared))
    EXPECT_EQ(client.get(url).status, 200) << url << " is used by another product";
  EXPECT_EQ(product_json(client, product_id, &vendor()).at("images"), json::array());
}

TEST_F(Images, MediaPathsNeverLeaveTheMediaDirectory) {
  auto client = this->client();
  const auto product_id = product_of(vendor());
  const auto image = uploaded(client, vendor(), product_id, png_image(16, 16, 13));
  const auto url = str(image.at("urls").at("thumb"));
  const auto key = url.substr(7);
  auto upper = key;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const auto& target : std::vector<std::string>{
           "/media/..%2f..%2fetc%2fpasswd", "/media/%252e%252e%252fetc%252fpasswd", "/media/../../etc/passwd",
           "/media/%2e%2e/%2e%2e/etc/passwd", "/media/..%5c..%5cetc%5cpasswd", "/media/%2e%2e%2f" + key,
           "/media/" + upper, "/media/" + key + "/", "/media/" + key + "%00.webp",
           "/media/" + key.substr(0, 40) + ".txt", "/media/" + std::string(40, '0') + ".webp", "/media/.", "/media/"}) {
    const auto response = client.get(target);
    EXPECT_EQ(response.status, 404) << target << "\n" << response.describe();
    EXPECT_EQ(response.body.find("root:"), std::string::npos) << target;
  }
  EXPECT_EQ(client.get(url).status, 200);
}

}  // namespace
}  // namespace emporium::testing
