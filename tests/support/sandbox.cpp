#include "sandbox.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>
#include <stdexcept>

namespace emporium::testing {
namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

std::string random_suffix() {
  std::random_device device;
  std::uniform_int_distribution<unsigned> nibble(0, 15);
  std::string suffix;
  for (int i = 0; i < 16; ++i) suffix += "0123456789abcdef"[nibble(device)];
  return suffix;
}

Connection connect(const std::string& url) {
  Connection connection(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect to " + url + ": " + PQerrorMessage(connection.get()));
  }
  return connection;
}

void execute(PGconn* connection, const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection, sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error(sql + " failed: " + PQerrorMessage(connection));
  }
}

std::filesystem::path make_temp_dir() {
  const auto base = std::filesystem::temp_directory_path() / "emporium-it.XXXXXX";
  std::string pattern = base.string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + base.string());
  return pattern;
}

}  // namespace

std::string with_database_name(const std::string& url, const std::string& name) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) throw std::runtime_error("not a URL: " + url);
  const auto query = url.find('?', scheme_end);
  const auto path = url.find('/', scheme_end + 3);
  const auto authority_end = std::min(path, query);
  const std::string rest = query == std::string::npos ? "" : url.substr(query);
  return url.substr(0, authority_end) + "/" + name + rest;
}

PostgresDatabase::PostgresDatabase()
    : admin_url_(
          required_env("EMPORIUM_TEST_POSTGRES_URL",
                       "EMPORIUM_TEST_BACKEND=postgres needs a server; run the tests through scripts/with-services")),
      name_("emporium_it_" + random_suffix()),
      url_(with_database_name(admin_url_, name_)) {
  const auto admin = connect(admin_url_);
  execute(admin.get(), "CREATE DATABASE " + name_);
}

PostgresDatabase::~PostgresDatabase() {
  try {
    const auto admin = connect(admin_url_);
    execute(admin.get(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception& e) {
    std::cerr << "warning: could not drop test database " << name_ << ": " << e.what() << "\n";
  }
}

TempDir::TempDir() : path_(make_temp_dir()) {}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Sandbox::Sandbox(Backend backend) : backend_(backend) {
  if (backend_ == Backend::Postgres) postgres_.emplace();
}

EnvVars Sandbox::env() const {
  EnvVars vars{{"EMPORIUM_DATA_DIR", data_dir().string()}};
  if (postgres_) vars.emplace_back("EMPORIUM_DATABASE_URL", postgres_->url());
  return vars;
}

}  // namespace emporium::testing
