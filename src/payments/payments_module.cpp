#include "payments/payments_module.hpp"

namespace emporium::payments {

struct PaymentsModule::Parts {};

PaymentsModule::PaymentsModule(PaymentsDependencies dependencies, PaymentsSettings settings)
    : dependencies_(dependencies), settings_(std::move(settings)), parts_(std::make_unique<Parts>()) {}

PaymentsModule::~PaymentsModule() { stop_jobs(); }

void PaymentsModule::register_routes(http::Router&) {}
void PaymentsModule::start_jobs() {}
void PaymentsModule::stop_jobs() {}

}  // namespace emporium::payments
