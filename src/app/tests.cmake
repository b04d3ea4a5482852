# Tests of the composition root. Included from src/CMakeLists.txt, so paths are relative to src/.

# The OpenAPI document compiled into the binary against the real route table (and the error model).
emporium_unit_tests(emporium_app_tests
  SOURCES app/routes_test.cpp app/config_test.cpp
  LIBS emporium_app Boost::json)

# The catalog seeder: deterministic content, and what it writes on SQLite and PostgreSQL.
emporium_unit_tests(emporium_app_seed_tests
  SOURCES app/catalog_seed_test.cpp
  LIBS emporium_app emporium_storage_testing)

# Lints openapi/openapi.yaml with Redocly CLI (web/package.json, installed by scripts/bootstrap), offline:
# the rules and the reason for each exception are in openapi/redocly.yaml.
if(EMPORIUM_TESTS)
  add_test(NAME openapi_lint
    COMMAND ${PROJECT_SOURCE_DIR}/web/node_modules/.bin/redocly lint --format=stylish
            --config ${PROJECT_SOURCE_DIR}/openapi/redocly.yaml ${PROJECT_SOURCE_DIR}/openapi/openapi.yaml)
  set_tests_properties(openapi_lint PROPERTIES
    LABELS unit
    ENVIRONMENT "REDOCLY_TELEMETRY=off;REDOCLY_SUPPRESS_UPDATE_NOTICE=true;NO_COLOR=1")
endif()

# Every C++ file is formatted per .clang-format (`make format` fixes it).
if(EMPORIUM_TESTS)
  find_program(CLANG_FORMAT clang-format REQUIRED)
  add_test(NAME clang_format
    COMMAND sh -c "cd '${PROJECT_SOURCE_DIR}' && git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' | xargs '${CLANG_FORMAT}' --dry-run --Werror")
  set_tests_properties(clang_format PROPERTIES LABELS unit)
endif()
