#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/product.hpp"
#include "catalog/product_service.hpp"
#include "http/router.hpp"
#include "media/image_processor.hpp"
#include "media/media_store.hpp"

namespace emporium::catalog {

struct ImagePatch {
  std::optional<std::string> alt;
  std::optional<std::int64_t> position;
};

// A product's pictures: uploads processed into safe renditions (media::ImageProcessor), files kept in the
// media store under content-hash names, rows in product_images. Files are written before the row commits and
// removed after a row that referred to them is gone and no other image shares them (same bytes, same name).
class ProductImageService {
 public:
  static constexpr std::int64_t kMaxImagesPerProduct = 20;

  ProductImageService(ProductService& products, const media::ImageProcessor& processor, media::MediaStore& store)
      : products_(products), processor_(processor), store_(store) {}

  Result<ProductImage> upload(const http::Principal& actor, std::string_view product_id, std::string_view bytes,
                              std::string alt);
  Result<ProductImage> update(const http::Principal& actor, std::string_view product_id, std::string_view image_id,
                              const ImagePatch& patch);
  Result<void> remove(const http::Principal& actor, std::string_view product_id, std::string_view image_id);
  // Removes the files of `keys` that no image refers to any more.
  void remove_unused_files(const std::vector<std::string>& keys);

 private:
  Result<void> check_managed(const http::Principal& actor, std::string_view product_id);
  Result<media::ProcessedImage> process_and_store(std::string_view bytes, StringMap& files);
  Result<void> store_renditions(const media::ProcessedImage& processed);

  ProductService& products_;
  const media::ImageProcessor& processor_;
  media::MediaStore& store_;
};

struct ImageRoutesOptions {
  std::string media_base_url = "/media";
  std::size_t max_upload_bytes = 20 * 1024 * 1024;
};

void register_product_image_routes(http::Router& router, ProductImageService& images, ImageRoutesOptions options);

}  // namespace emporium::catalog
