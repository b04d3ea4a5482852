#include "invoices/pdf_text.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace emporium::invoices::testing {
namespace {

// A PDF in a temporary file for as long as it lives.
class TempPdf {
 public:
  explicit TempPdf(const std::string& bytes) {
    std::string name = "/tmp/emporium-invoice-XXXXXX";
    const int fd = mkstemp(name.data());
    if (fd < 0) throw std::runtime_error("cannot make a temporary file");
    close(fd);
    path_ = name;
    std::ofstream(path_, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempPdf() { unlink(path_.c_str()); }
  TempPdf(const TempPdf&) = delete;
  TempPdf& operator=(const TempPdf&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string run(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string out;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) out.append(buffer.data(), n);
  if (pclose(pipe) != 0) throw std::runtime_error(command + " failed:\n" + out);
  return out;
}
}  // namespace

std::string pdf_to_text(const std::string& pdf) {
  const TempPdf file(pdf);
  return run("pdftotext -layout -enc UTF-8 " + file.path() + " - 2>&1");
}

std::vector<std::string> pdf_pages(const std::string& pdf) {
  const auto text = pdf_to_text(pdf);
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (auto end = text.find('\f'); end != std::string::npos; end = text.find('\f', start)) {
    pages.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pages;
}

std::string pdf_info(const std::string& pdf) {
  const TempPdf file(pdf);
  return run("pdfinfo -enc UTF-8 " + file.path() + " 2>&1");
}

std::string pdf_fonts(const std::string& pdf) {
  const TempPdf file(pdf);
  return run("pdffonts " + file.path() + " 2>&1");
}

std::string pdf_info_field(const std::string& pdf, const std::string& field) {
  const auto info = pdf_info(pdf);
  const auto key = field + ":";
  for (std::size_t at = 0; at < info.size();) {
    auto end = info.find('\n', at);
    if (end == std::string::npos) end = info.size();
    const auto line = info.substr(at, end - at);
    at = end + 1;
    if (!line.starts_with(key)) continue;
    const auto value = line.find_first_not_of(' ', key.size());
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "";
}

std::string squeeze_spaces(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (blank && !out.empty()) space = true;
    if (blank) continue;
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace emporium::invoices::testing
