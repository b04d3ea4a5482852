#include "mail_api.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "accounts_api.hpp"
#include "eventually.hpp"

namespace emporium::testing {
namespace {
namespace json = boost::json;

std::string text_of(const json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : std::string();
}

std::string without_cr(std::string text) {
  std::erase(text, '\r');
  return text;
}

ReceivedMail read_parsed(const json::object& parsed) {
  ReceivedMail mail;
  mail.subject = text_of(parsed.at("subject"));
  mail.from = text_of(parsed.at("from"));
  mail.to = text_of(parsed.at("to"));
  mail.to_name = text_of(parsed.at("toName"));
  mail.to_address = text_of(parsed.at("toAddress"));
  mail.date = text_of(parsed.at("date"));
  mail.message_id = text_of(parsed.at("messageId"));
  mail.mime_version = text_of(parsed.at("mimeVersion"));
  mail.content_type = text_of(parsed.at("contentType"));
  for (const auto& part : parsed.at("parts").as_array()) {
    const auto& fields = part.as_object();
    mail.parts.push_back({.content_type = text_of(fields.at("contentType")),
                          .charset = text_of(fields.at("charset")),
                          .transfer_encoding = text_of(fields.at("transferEncoding")),
                          .body = without_cr(text_of(fields.at("body")))});
  }
  for (const auto& defect : parsed.at("defects").as_array()) mail.defects.push_back(text_of(defect));
  return mail;
}

ReceivedMail read_received(const json::object& message) {
  auto mail = read_parsed(message.at("parsed").as_object());
  mail.mail_from = text_of(message.at("mailFrom"));
  for (const auto& to : message.at("rcptTos").as_array()) mail.rcpt_tos.push_back(text_of(to));
  mail.auth_user = text_of(message.at("authUser"));
  mail.raw = text_of(message.at("data"));
  return mail;
}

std::string percent_encoded(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += {'%', kHex[byte >> 4], kHex[byte & 15]};
    }
  }
  return out;
}

json::value control(const LocalService& service, const std::string& method, const std::string& path,
                    const std::string& body = {}) {
  auto client = service.client();
  const auto response = client.request(method, path, {{"Content-Type", "application/json"}}, body);
  if (response.status != 200) throw std::runtime_error("smtp sink " + path + ": " + response.describe());
  return response.json();
}

}  // namespace

const std::string& ReceivedMail::body(const std::string& type) const {
  for (const auto& part : parts)
    if (part.content_type == type) return part.body;
  throw std::runtime_error("the message to " + to + " has no " + type + " part");
}

SmtpSink::SmtpSink(std::string user, std::string password)
    : service_("smtp_sink.py", {"--auth", user + ":" + password}),
      user_(std::move(user)),
      password_(std::move(password)) {
  smtp_port_ = static_cast<unsigned short>(control(service_, "GET", "/_fake/info").at("smtpPort").to_number<int>());
}

std::string SmtpSink::smtp_url() const {
  return "smtp://" + percent_encoded(user_) + ":" + percent_encoded(password_) +
         "@127.0.0.1:" + std::to_string(smtp_port_);
}

std::vector<ReceivedMail> SmtpSink::messages() {
  std::vector<ReceivedMail> mails;
  const auto received = control(service_, "GET", "/_fake/messages");
  for (const auto& message : received.as_array()) mails.push_back(read_received(message.as_object()));
  return mails;
}

std::vector<ReceivedMail> SmtpSink::messages_to(const std::string& address) {
  auto mails = messages();
  std::erase_if(mails, [&](const ReceivedMail& mail) {
    return std::find(mail.rcpt_tos.begin(), mail.rcpt_tos.end(), address) == mail.rcpt_tos.end();
  });
  return mails;
}

std::vector<ReceivedMail> SmtpSink::await_messages_to(const std::string& address, std::size_t count,
                                                      std::chrono::milliseconds timeout) {
  std::vector<ReceivedMail> mails;
  if (eventually([&] { return (mails = messages_to(address)).size() >= count; }, timeout,
                 std::chrono::milliseconds(25)))
    return mails;
  std::ostringstream seen;
  for (const auto& mail : messages()) seen << "\n  to " << mail.to << ": " << mail.subject;
  throw std::runtime_error("expected " + std::to_string(count) + " messages to " + address + ", got " +
                           std::to_string(mails.size()) + ". The sink has:" + seen.str());
}

std::pair<int, int> SmtpSink::attempts_to(const std::string& address) {
  const auto attempts = control(service_, "GET", "/_fake/attempts").as_object();
  const auto* counts = attempts.if_contains(address);
  if (counts == nullptr) return {0, 0};
  return {counts->at("accepted").to_number<int>(), counts->at("rejected").to_number<int>()};
}

void SmtpSink::reject_next(const std::string& address, int count, int code) {
  control(service_, "POST", "/_fake/reject",
          json::serialize(json::object{{"recipient", address}, {"count", count}, {"code", code}}));
}

void SmtpSink::set_up(bool up) { control(service_, "POST", "/_fake/smtp", json::serialize(json::object{{"up", up}})); }

ReceivedMail SmtpSink::parse(const std::string& raw) {
  auto mail = read_parsed(control(service_, "POST", "/_fake/parse", raw).as_object());
  mail.raw = raw;
  return mail;
}

EnvVars mail_config(const std::string& smtp_url, const EnvVars& extra) {
  EnvVars vars{{"EMPORIUM_EVENTS_INTERVAL_MS", "50"},
               {"EMPORIUM_MAIL_RETRY_SCHEDULE", "100ms,200ms"},
               {"EMPORIUM_MAIL_FROM", "Tea & Biscuits <orders@shop.example>"},
               {"EMPORIUM_STORE_NAME", kMailStoreName}};
  if (!smtp_url.empty()) vars.emplace_back("EMPORIUM_SMTP_URL", smtp_url);
  vars.insert(vars.end(), extra.begin(), extra.end());
  return accounts_config(vars);
}

std::vector<std::string> outbox_messages(const std::filesystem::path& data_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir / "outbox", error))
    if (entry.path().extension() == ".eml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // message ids are time-ordered
  std::vector<std::string> messages;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    messages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return messages;
}

}  // namespace emporium::testing
