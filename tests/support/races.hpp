#pragma once

// Many requests at once, for the tests that prove a rule holds under concurrency.

#include <functional>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "http_response.hpp"

namespace emporium::testing {

// Sends `request(client, i)` for i in [0, n), each on its own connection to `port`, all released at once.
// A request that throws leaves status 0 and the message as its body, so it shows up in the counts.
std::vector<HttpResponse> send_at_once(unsigned short port, int n,
                                       const std::function<HttpResponse(HttpClient&, int)>& request);
int count_status(const std::vector<HttpResponse>& responses, int status);
// "201 409 409 …", for failure messages.
std::string statuses(const std::vector<HttpResponse>& responses);

}  // namespace emporium::testing
