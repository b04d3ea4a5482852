#include "invoices/invoice_errors.hpp"

namespace emporium::invoices::errors {

Problem invoice_not_available() {
  return problems::conflict(
      "invoice_not_available",
      "This order has not been paid, so it has no invoice yet. Orders get one when they are paid.");
}

}  // namespace emporium::invoices::errors
