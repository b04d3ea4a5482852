#pragma once
// Mail as the integration tests see it: an SMTP sink on loopback (tests/fakes/smtp_sink.py) that keeps what
// it received, parsed by Python's email package (an independent MIME parser), and can refuse messages or go
// down on demand; a server configured to send through it; the .eml files of the outbox.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "environment.hpp"
#include "local_service.hpp"

namespace emporium::testing {

struct MailPart {
  std::string content_type;       // text/plain
  std::string charset;            // utf-8
  std::string transfer_encoding;  // quoted-printable
  std::string body;               // decoded, line ends as LF
};

struct ReceivedMail {
  std::string mail_from;  // the envelope
  std::vector<std::string> rcpt_tos;
  std::string auth_user;  // who logged in to send it
  std::string raw;        // as it came over the wire
  // The headers, decoded.
  std::string subject, from, to, to_name, to_address, date, message_id, mime_version, content_type;
  std::vector<MailPart> parts;
  std::vector<std::string> defects;  // what the parser found wrong
  // The decoded body of the first part of that type; throws when there is none.
  const std::string& body(const std::string& content_type) const;
};

class SmtpSink {
 public:
  // With credentials, every message must come with AUTH as `user`/`password`.
  SmtpSink(std::string user = "mailer", std::string password = "s3cret pass");

  // smtp://user:password@127.0.0.1:<port> (percent-encoded).
  std::string smtp_url() const;
  std::vector<ReceivedMail> messages();
  std::vector<ReceivedMail> messages_to(const std::string& address);
  // Waits until `count` messages to `address` arrived and returns them; throws, naming what did, otherwise.
  std::vector<ReceivedMail> await_messages_to(const std::string& address, std::size_t count = 1,
                                              std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // DATA answers {accepted, rejected} so far for `address`.
  std::pair<int, int> attempts_to(const std::string& address);
  // The next `count` messages to `address` are refused with `code` (451: try later; 550: never).
  void reject_next(const std::string& address, int count, int code = 451);
  // Closes the SMTP port (connections refused) or opens it again on the same port.
  void set_up(bool up);
  // Any message (an .eml file) through the sink's parser.
  ReceivedMail parse(const std::string& raw);

 private:
  LocalService service_;
  std::string user_;
  std::string password_;
  unsigned short smtp_port_ = 0;
};

// The store's name in mail_config(): not ASCII, so subjects travel as RFC 2047 encoded words.
inline constexpr const char* kMailStoreName = "Tee & Gebäck";

// A server that mails through `smtp_url` (empty: into <data dir>/outbox), dispatches events every 50 ms and
// retries mail after 100 ms and 200 ms, with accounts_config() and `extra` on top.
EnvVars mail_config(const std::string& smtp_url, const EnvVars& extra = {});

// The .eml files in <data dir>/outbox, oldest first.
std::vector<std::string> outbox_messages(const std::filesystem::path& data_dir);

}  // namespace emporium::testing
