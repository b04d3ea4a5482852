# Tests of mail: templates and escaping, the MIME format parsed back, the retry schedule, and the queue, its
# planner and its delivery worker on SQLite and PostgreSQL (EMPORIUM_TEST_POSTGRES_URL, from scripts/with-services).
emporium_unit_tests(emporium_notifications_tests
  SOURCES notifications/mail_template_test.cpp notifications/mime_message_test.cpp
          notifications/mail_delivery_test.cpp notifications/mail_planner_test.cpp
  LIBS emporium_notifications emporium_storage_testing PkgConfig::SODIUM)
