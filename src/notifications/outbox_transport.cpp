#include "notifications/outbox_transport.hpp"

#include <filesystem>
#include <fstream>

namespace emporium::notifications {

OutboxTransport::OutboxTransport(std::string directory) : directory_(std::move(directory)) {}

void OutboxTransport::deliver(const Envelope&, const std::string& message, const std::string& id) {
  std::error_code error;
  std::filesystem::create_directories(directory_, error);
  if (error) throw DeliveryError("cannot create " + directory_ + ": " + error.message(), false);
  const auto final_path = std::filesystem::path(directory_) / (id + ".eml");
  const auto temporary = std::filesystem::path(directory_) / ("." + id + ".tmp");
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << message;
    file.flush();
    if (!file) throw DeliveryError("cannot write " + temporary.string(), false);
  }
  std::filesystem::rename(temporary, final_path, error);  // readers never see half a message
  if (error) throw DeliveryError("cannot rename " + temporary.string() + ": " + error.message(), false);
}

}  // namespace emporium::notifications
