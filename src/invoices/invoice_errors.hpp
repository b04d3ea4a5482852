#pragma once
// The stable error codes of invoices, as problems.

#include "support/problem.hpp"

namespace emporium::invoices::errors {

// 409 invoice_not_available: the order exists and the caller may see it, but it has not been paid (it has no
// invoice number), e.g. pending_payment or cancelled before payment.
Problem invoice_not_available();

}  // namespace emporium::invoices::errors
