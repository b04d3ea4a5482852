#include "notifications/smtp_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "notifications/mail_template.hpp"

namespace emporium::notifications {
namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
  });
}

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct TextDeleter {
  void operator()(char* text) const { curl_free(text); }
};

// One part of a parsed URL (percent-decoded); empty when it has none.
std::string url_part(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, flags) != CURLUE_OK || raw == nullptr) return {};
  const std::unique_ptr<char, TextDeleter> owned(raw);
  return raw;
}

struct Upload {
  const std::string* message = nullptr;
  std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto& upload = *static_cast<Upload*>(user);
  const auto take = std::min(size * count, upload.message->size() - upload.offset);
  std::memcpy(buffer, upload.message->data() + upload.offset, take);
  upload.offset += take;
  return take;
}

// "<address>" for MAIL FROM and RCPT TO, with nothing that could end the command line.
std::string path_of(const std::string& address) {
  std::string clean = one_line(address);
  std::erase_if(clean, [](char c) { return c == '<' || c == '>' || c == ' '; });
  return "<" + clean + ">";
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
  init_curl_once();
  const std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
  if (curl_url_set(url.get(), CURLUPART_URL, settings_.url.c_str(), 0) != CURLUE_OK)
    throw std::invalid_argument("the SMTP URL is not a URL");
  const auto scheme = url_part(url.get(), CURLUPART_SCHEME);
  if (scheme != "smtp" && scheme != "smtps") throw std::invalid_argument("the SMTP URL must be smtp:// or smtps://");
  implicit_tls_ = scheme == "smtps";
  const auto host = url_part(url.get(), CURLUPART_HOST);
  loopback_ = host == "localhost" || host.starts_with("127.") || host == "[::1]";
  user_ = url_part(url.get(), CURLUPART_USER, CURLU_URLDECODE);
  password_ = url_part(url.get(), CURLUPART_PASSWORD, CURLU_URLDECODE);
  curl_url_set(url.get(), CURLUPART_USER, nullptr, 0);
  curl_url_set(url.get(), CURLUPART_PASSWORD, nullptr, 0);
  url_ = url_part(url.get(), CURLUPART_URL);
}

void SmtpTransport::deliver(const Envelope& envelope, const std::string& message, const std::string&) {
  const std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
  if (!handle) throw DeliveryError("curl_easy_init failed", false);
  auto* curl = handle.get();
  const std::unique_ptr<curl_slist, ListDeleter> recipients(curl_slist_append(nullptr, path_of(envelope.to).c_str()));
  const auto from = path_of(envelope.from);
  Upload upload{.message = &message, .offset = 0};
  char error_text[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  // With credentials, TLS is required (STARTTLS on smtp://): someone on the path who strips STARTTLS must not
  // get the password or the mail. Without them (a relay on the local network), or to a relay on this machine
  // (no path to strip it on), TLS is used when offered.
  const bool require_tls = implicit_tls_ || (!user_.empty() && !loopback_);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!user_.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password_.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  const auto code = curl_easy_perform(curl);
  if (code == CURLE_OK) return;
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  const std::string detail = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
  // A refused login is the configuration's fault, not the message's: it is retried like an outage.
  const bool permanent = reply >= 500 && reply < 600 && code != CURLE_LOGIN_DENIED;
  throw DeliveryError("SMTP " + url_ + ": " + detail + (reply != 0 ? " (reply " + std::to_string(reply) + ")" : ""),
                      permanent);
}

}  // namespace emporium::notifications
