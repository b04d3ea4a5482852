emporium_unit_tests(emporium_pricing_tests
  SOURCES pricing/pricing_test.cpp
  LIBS emporium_pricing emporium_catalog emporium_storage_testing)
