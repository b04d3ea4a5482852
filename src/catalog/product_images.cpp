#include "catalog/product_images.hpp"

#include <boost/json/object.hpp>

#include "catalog/product_json.hpp"
#include "catalog/product_rules.hpp"
#include "catalog/product_store.hpp"
#include "http/json_body.hpp"
#include "http/multipart.hpp"
#include "media/media_key.hpp"
#include "support/strings.hpp"

namespace emporium::catalog {
namespace {
using http::Access;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;
using http::Role;

const http::StringRule kAltRule{.min_length = 0, .max_length = 500};

Problem image_not_found() { return problems::not_found("No such image.").with_code("image_not_found"); }

// "thumb" for WebP renditions (and the original), "thumb.avif" for their AVIF twins.
std::string file_name(const media::Rendition& rendition) {
  if (rendition.format == "avif" && rendition.name != "original") return rendition.name + ".avif";
  return rendition.name;
}

}  // namespace

Result<void> ProductImageService::check_managed(const http::Principal& actor, std::string_view product_id) {
  return storage::with_connection(products_.context().database, [&](storage::Connection& connection) -> Result<void> {
    auto product = ProductStore::find(connection, product_id);
    if (!product || !is_managed_by(*product, actor)) return product_not_found();
    if (product->status == ProductStatus::Archived)
      return problems::conflict("product_archived", "The product is archived: restore it before adding images.");
    if (ProductStore::count_images(connection, product_id) >= kMaxImagesPerProduct)
      return problems::conflict("too_many_images", "A product has at most 20 images.");
    return {};
  });
}

Result<media::ProcessedImage> ProductImageService::process_and_store(std::string_view bytes, StringMap& files) {
  auto processed = processor_.process(bytes);
  if (!processed) return processed.error();
  for (const auto& rendition : processed->renditions) {
    const auto extension = media::extension_for_format(rendition.format);
    if (!extension) continue;
    files[file_name(rendition)] = media::media_key(rendition.bytes, *extension);
  }
  if (auto stored = store_renditions(*processed); !stored) return stored.error();
  return processed;
}

// Writes every rendition's file; one already there (same content, same name) is left as it is.
Result<void> ProductImageService::store_renditions(const media::ProcessedImage& processed) {
  for (const auto& rendition : processed.renditions) {
    const auto extension = media::extension_for_format(rendition.format);
    if (!extension) continue;
    if (auto stored = store_.put(media::media_key(rendition.bytes, *extension), rendition.bytes); !stored)
      return stored.error();
  }
  return {};
}

Result<ProductImage> ProductImageService::upload(const http::Principal& actor, std::string_view product_id,
                                                 std::string_view bytes, std::string alt) {
  // Checked before the CPU is spent, and again in the transaction that adds the row.
  if (auto managed = check_managed(actor, product_id); !managed) return managed.error();
  StringMap files;
  auto processed = process_and_store(bytes, files);
  if (!processed) {
    remove_unused_files(media_keys(files));
    return processed.error();
  }
  auto& context = products_.context();
  const auto now = context.clock.now();
  ProductImage image{.id = context.ids.next("img"),
                     .product_id = std::string(product_id),
                     .position = 0,
                     .alt = std::move(alt),
                     .width = processed->width,
                     .height = processed->height,
                     .files = files,
                     .created_at = now,
                     .updated_at = now};
  auto added = storage::transact(context.database, storage::TxMode::Write,
                                 [&](storage::Connection& connection) -> Result<ProductImage> {
                                   auto product = ProductService::lock_live(connection, actor, product_id);
                                   if (!product) return product.error();
                                   const auto count = ProductStore::count_images(connection, product->id);
                                   if (count >= kMaxImagesPerProduct)
                                     return problems::conflict("too_many_images", "A product has at most 20 images.");
                                   image.position = count;
                                   ProductStore::insert_image(connection, image);
                                   products_.part_changed(connection, *product, ProductService::Part::Image);
                                   context.audit.record(connection, {.actor_id = actor.user_id,
                                                                     .action = "product.image_added",
                                                                     .target_type = "product",
                                                                     .target_id = product->id,
                                                                     .details = {{"imageId", image.id}},
                                                                     .client_ip = ""});
                                   return image;
                                 });
  if (!added) {
    remove_unused_files(media_keys(files));
    return added.error();
  }
  context.cache.invalidate();
  return added;
}

Result<ProductImage> ProductImageService::update(const http::Principal& actor, std::string_view product_id,
                                                 std::string_view image_id, const ImagePatch& patch) {
  auto& context = products_.context();
  auto updated = storage::transact(context.database, storage::TxMode::Write,
                                   [&](storage::Connection& connection) -> Result<ProductImage> {
                                     auto product = ProductService::lock_live(connection, actor, product_id);
                                     if (!product) return product.error();
                                     auto image = ProductStore::find_image(connection, product->id, image_id);
                                     if (!image) return image_not_found();
                                     if (patch.alt) image->alt = *patch.alt;
                                     if (patch.position) image->position = *patch.position;
                                     image->updated_at = context.clock.now();
                                     ProductStore::update_image(connection, *image);
                                     products_.part_changed(connection, *product, ProductService::Part::Image);
                                     return std::move(*image);
                                   });
  if (updated) context.cache.invalidate();
  return updated;
}

Result<void> ProductImageService::remove(const http::Principal& actor, std::string_view product_id,
                                         std::string_view image_id) {
  auto& context = products_.context();
  std::vector<std::string> keys;
  auto removed =
      storage::transact(context.database, storage::TxMode::Write, [&](storage::Connection& connection) -> Result<void> {
        auto product = ProductService::lock_live(connection, actor, product_id);
        if (!product) return product.error();
        auto image = ProductStore::find_image(connection, product->id, image_id);
        if (!image) return image_not_found();
        ProductStore::delete_image(connection, product->id, image->id);
        products_.part_changed(connection, *product, ProductService::Part::Image);
        context.audit.record(connection, {.actor_id = actor.user_id,
                                          .action = "product.image_removed",
                                          .target_type = "product",
                                          .target_id = product->id,
                                          .details = {{"imageId", image->id}},
                                          .client_ip = ""});
        keys = media_keys(image->files);
        return {};
      });
  if (!removed) return removed;
  context.cache.invalidate();
  remove_unused_files(keys);
  return {};
}

void ProductImageService::remove_unused_files(const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  auto& context = products_.context();
  // Under the media lock, so that an upload of the same content cannot commit a row between a check and the
  // removal (see upload).
  context.database.transaction(storage::TxMode::Write, [&](storage::Connection& connection) {
    ProductStore::lock_media(connection, context.clock.now());
    for (const auto& key : keys)
      if (!ProductStore::media_in_use(connection, key)) (void)store_.remove(key);
    return true;
  });
}

namespace {

Result<Response> upload(ProductImageService& images, const ImageRoutesOptions& options, const Request& request) {
  auto parts = http::parse_multipart(request);
  if (!parts) return parts.error();
  const auto* file = http::find_part(*parts, "file");
  if (!file) return problems::validation_failed({{"file", "is required (a multipart/form-data part named file)"}});
  std::string alt;
  if (const auto* alt_part = http::find_part(*parts, "alt")) {
    alt = std::string(trim(alt_part->body));
    if (!is_valid_utf8(alt) || utf8_length(alt) > kAltRule.max_length || has_control_character(alt))
      return problems::validation_failed({{"alt", "must be one line of UTF-8 text, at most 500 characters"}});
  }
  for (const auto& part : *parts)
    if (part.name != "file" && part.name != "alt")
      return problems::validation_failed({{part.name, "is not a known field"}});
  auto image = images.upload(request.principal(), request.param("id"), file->body, std::move(alt));
  if (!image) return image.error();
  auto response = http::json_response(201, to_json(*image, options.media_base_url));
  response.set_header("Location", "/api/products/" + image->product_id + "/images/" + image->id);
  return response;
}

Result<Response> update(ProductImageService& images, const ImageRoutesOptions& options, const Request& request) {
  auto patch = http::read_json_body<ImagePatch>(request, [](http::ObjectReader& reader, ImagePatch& out) {
    reader.optional("alt", out.alt, kAltRule);
    if (out.alt && has_control_character(*out.alt)) reader.fail("alt", "must not contain control characters");
    reader.optional("position", out.position, http::IntRule{.min = 0, .max = 1000});
  });
  if (!patch) return patch.error();
  auto image = images.update(request.principal(), request.param("id"), request.param("imageId"), *patch);
  if (!image) return image.error();
  return http::json_response(200, to_json(*image, options.media_base_url));
}

Result<Response> remove(ProductImageService& images, const Request& request) {
  auto removed = images.remove(request.principal(), request.param("id"), request.param("imageId"));
  if (!removed) return removed.error();
  return http::no_content();
}

}  // namespace

void register_product_image_routes(http::Router& router, ProductImageService& images, ImageRoutesOptions options) {
  const auto sellers = Access::roles_only({Role::Vendor, Role::Admin});
  auto shared = std::make_shared<ImageRoutesOptions>(std::move(options));
  // Decoding and encoding take up to seconds of CPU: the CPU pool, never an I/O thread. The body limit leaves
  // room for the multipart framing around the largest file accepted.
  router.add({.method = Method::Post,
              .path = "/api/products/:id/images",
              .access = sellers,
              .handler = [&images, shared](Request& r) { return upload(images, *shared, r); },
              .execution = Execution::Cpu,
              .max_body_bytes = shared->max_upload_bytes + 64 * 1024});
  router.add({.method = Method::Patch,
              .path = "/api/products/:id/images/:imageId",
              .access = sellers,
              .handler = [&images, shared](Request& r) { return update(images, *shared, r); }});
  router.add({.method = Method::Delete,
              .path = "/api/products/:id/images/:imageId",
              .access = sellers,
              .handler = [&images](Request& r) { return remove(images, r); }});
}

}  // namespace emporium::catalog
