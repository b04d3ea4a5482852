# The media domain: uploaded images made safe (decoded under a budget, metadata stripped, re-encoded into
# renditions), stored under content-hash names and served immutable. Included from src/CMakeLists.txt, so
# paths are relative to src/.
pkg_check_modules(VIPS REQUIRED IMPORTED_TARGET vips)
# libvips 8.14 writes EXIF into WebP even when told to strip: the container is cleaned with libwebpmux.
pkg_check_modules(WEBPMUX REQUIRED IMPORTED_TARGET libwebpmux)

# multipart/form-data is shared HTTP machinery (any upload route may read it), so it lives in emporium_http.
target_sources(emporium_http PRIVATE http/multipart.cpp)

add_library(emporium_media STATIC
  media/byte_range.cpp media/image_decoding.cpp media/image_encoding.cpp media/image_format.cpp
  media/image_processor.cpp
  media/media_errors.cpp media/media_key.cpp media/media_routes.cpp media/media_store.cpp media/vips_runtime.cpp)
target_link_libraries(emporium_media PUBLIC emporium_http emporium_support PRIVATE PkgConfig::VIPS PkgConfig::WEBPMUX)
emporium_warnings(emporium_media)

emporium_unit_tests(emporium_multipart_tests
  SOURCES http/multipart_test.cpp
  LIBS emporium_http)

if(EMPORIUM_TESTS)
  # Test images are generated in the tests (libvips, and zlib's crc32 for hand-made PNG chunks): no binary
  # fixtures in the repository.
  find_package(ZLIB REQUIRED)
endif()
emporium_unit_tests(emporium_media_tests
  SOURCES media/byte_range_test.cpp media/image_format_test.cpp media/image_processor_test.cpp
          media/media_key_test.cpp media/media_routes_test.cpp media/media_store_test.cpp media/test_images.cpp
  LIBS emporium_media PkgConfig::VIPS ZLIB::ZLIB)
