# Mail: the message format, the mail queue planned from events, SMTP or the outbox folder. Paths relative to src/.
add_library(emporium_notifications STATIC notifications/outbox_mailer.cpp notifications/notifications_module.cpp)
target_link_libraries(emporium_notifications PUBLIC emporium_support emporium_storage emporium_events PRIVATE PkgConfig::SODIUM)
emporium_warnings(emporium_notifications)
