emporium_unit_tests(emporium_http_tests
  SOURCES http/router_test.cpp http/json_body_test.cpp http/query_test.cpp http/middleware/middleware_test.cpp
  LIBS emporium_http)
