#include "races.hpp"

#include <atomic>
#include <exception>
#include <memory>
#include <thread>

namespace emporium::testing {

std::vector<HttpResponse> send_at_once(unsigned short port, int n,
                                       const std::function<HttpResponse(HttpClient&, int)>& request) {
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < n; ++i) clients.push_back(std::make_unique<HttpClient>(port));
  std::vector<HttpResponse> responses(static_cast<std::size_t>(n));
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < n) std::this_thread::yield();
      try {
        responses[static_cast<std::size_t>(i)] = request(*clients[static_cast<std::size_t>(i)], i);
      } catch (const std::exception& e) {
        responses[static_cast<std::size_t>(i)].body = e.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return responses;
}

int count_status(const std::vector<HttpResponse>& responses, int status) {
  int count = 0;
  for (const auto& response : responses) count += response.status == status ? 1 : 0;
  return count;
}

std::string statuses(const std::vector<HttpResponse>& responses) {
  std::string out;
  for (const auto& response : responses) out += std::to_string(response.status) + " ";
  return out;
}

}  // namespace emporium::testing
