# Mail over SMTP and into the outbox, on SQLite and PostgreSQL: the real server mails through an SMTP sink on
# loopback (tests/fakes/smtp_sink.py, aiosmtpd) whose Python email parser reads the messages back. Order and
# stock mails, retries, outages, crashes between the event and the delivery, and the .eml outbox.
target_sources(emporium_test_support PRIVATE support/mail_api.cpp)
emporium_integration_tests(emporium_mail_it
  SOURCES integration/mail_orders_test.cpp integration/mail_retries_test.cpp integration/mail_recovery_test.cpp
  PROPERTIES TIMEOUT 300)
