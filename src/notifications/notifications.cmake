# Mail: templates compiled into the binary, the message format, the mail queue planned from events, and its
# delivery through SMTP (libcurl) or into the outbox folder. Paths relative to src/.
file(GLOB mail_template_files CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/notifications/templates/*)
emporium_embed(TARGET emporium_mail_templates NAMESPACE emporium::mail_templates
  BASE ${CMAKE_CURRENT_SOURCE_DIR}/notifications/templates FILES ${mail_template_files})

add_library(emporium_notifications STATIC
  notifications/mail_template.cpp notifications/mail_templates.cpp notifications/mime_message.cpp
  notifications/mail_store.cpp notifications/mail_sources.cpp notifications/order_mails.cpp
  notifications/mail_planner.cpp notifications/mail_delivery.cpp notifications/queue_mailer.cpp
  notifications/outbox_transport.cpp notifications/smtp_transport.cpp notifications/notifications_module.cpp)
target_link_libraries(emporium_notifications
  PUBLIC emporium_support emporium_storage emporium_events Boost::json
  PRIVATE emporium_mail_templates PkgConfig::SODIUM PkgConfig::LIBCURL)
emporium_warnings(emporium_notifications)
