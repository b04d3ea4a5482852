# Business events: written in the transaction of the change that caused them, then dispatched once to their
# consumers (mail, webhooks). Paths relative to src/.
add_library(emporium_events STATIC events/event_log.cpp events/event_dispatcher.cpp)
target_link_libraries(emporium_events PUBLIC emporium_storage)
emporium_warnings(emporium_events)
