#include "app/cli.hpp"

#include <fmt/format.h>
#include <boost/program_options.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/application.hpp"
#include "app/catalog_seed.hpp"
#include "app/config.hpp"
#include "app/demo_seed.hpp"
#include "support/log.hpp"
#include "support/strings.hpp"
#include "users/email.hpp"
#include "users/password_hasher.hpp"
#include "users/users_module.hpp"

namespace emporium::app {
namespace po = boost::program_options;
namespace {

constexpr const char* kUsage =
    "Usage: emporium <command> [options]\n"
    "\n"
    "Emporium, a headless e-commerce REST API.\n"
    "\n"
    "Commands:\n"
    "  serve     Apply pending migrations and serve HTTP until SIGTERM/SIGINT\n"
    "  migrate   Apply pending database migrations and exit\n"
    "  seed      Load data: --demo (once per database), --products N [--seed S]\n"
    "  admin     Manage accounts: 'admin create' makes the first admin (or a vendor)\n"
    "\n"
    "Configuration comes from EMPORIUM_* environment variables (see README.md).\n"
    "Run 'emporium <command> --help' for a command's options.\n";

struct Command {
  std::string name;
  std::string summary;
  po::options_description options;
};

bool wants_help(const po::variables_map& values) { return values.count("help") > 0; }

po::variables_map parse(const Command& command, const std::vector<std::string>& arguments) {
  po::variables_map values;
  po::store(po::command_line_parser(arguments).options(command.options).run(), values);
  po::notify(values);
  return values;
}

void print_help(const Command& command) {
  std::cout << "Usage: emporium " << command.name << " [options]\n\n" << command.summary << "\n\n" << command.options;
}

// Configuration from the environment, logging, then the database opened and migrated.
std::unique_ptr<Application> open_application() {
  const auto config = load_config(process_environment());
  log::configure(config.log_level, config.log_format);
  auto application = std::make_unique<Application>(config);
  application->open_and_migrate();
  return application;
}

// Commands that take no options but --help.
bool answered_help(const char* name, const char* summary, const std::vector<std::string>& arguments) {
  Command command{name, summary, {}};
  command.options.add_options()("help,h", "show this help");
  if (!wants_help(parse(command, arguments))) return false;
  print_help(command);
  return true;
}

int serve(const std::vector<std::string>& arguments) {
  if (answered_help("serve", "Applies pending migrations, then serves HTTP on EMPORIUM_HOST:EMPORIUM_PORT.", arguments))
    return 0;
  return open_application()->serve();
}

int migrate(const std::vector<std::string>& arguments) {
  if (answered_help("migrate", "Applies pending database migrations and exits.", arguments)) return 0;
  open_application();
  return 0;
}

void print_demo(const DemoSeedResult& demo) {
  if (!demo.changed()) {
    std::cout << "Demo data was already loaded; nothing changed.\n";
    return;
  }
  std::cout << "Demo data loaded.";
  if (demo.accounts.empty()) std::cout << "\n";
  if (!demo.accounts.empty()) std::cout << " These passwords are shown this once:\n";
  for (const auto& account : demo.accounts)
    std::cout << "  " << account.role << "\t" << account.email << "\t" << account.password << "\n";
  if (demo.categories > 0 || demo.products > 0)
    std::cout << "Demo catalog: " << demo.products << " products and " << demo.categories << " categories made.\n";
}

void print_catalog(const CatalogSeedSummary& summary, std::uint64_t seed) {
  std::cout << "Seeded " << summary.products << " products (" << summary.variants << " variants) in "
            << summary.categories << " categories for " << kSeedVendors << " vendors (" << summary.vendors_created
            << " new), seed " << seed << ", in " << fmt::format("{:.1f}", summary.seconds) << " s.\n";
}

int seed(const std::vector<std::string>& arguments) {
  Command command{"seed", "Loads data into the database (migrating it first).", {}};
  command.options.add_options()("help,h", "show this help")(
      "demo", "load the demo store (accounts and a small catalog) once; a second run changes nothing")(
      "products", po::value<std::int64_t>(),
      "add N generated products (1 to 1,000,000) with categories, vendors, variants and ratings")(
      "seed", po::value<std::uint64_t>()->default_value(1),
      "what --products generates: the same N and seed give the "
      "same catalog");
  const auto values = parse(command, arguments);
  if (wants_help(values)) return print_help(command), 0;
  if (!values.count("demo") && !values.count("products")) {
    std::cerr << "emporium seed: say what to load (--demo, --products N)\n";
    return 2;
  }
  const auto products = values.count("products") ? values["products"].as<std::int64_t>() : 0;
  if (values.count("products") && (products < 1 || products > kMaxSeedProducts)) {
    std::cerr << "emporium seed: --products must be 1 to 1000000\n";
    return 2;
  }
  const auto application = open_application();
  application->build_services();
  if (values.count("demo"))
    print_demo(
        seed_demo(application->database(), application->clock(), application->users().auth(), application->catalog()));
  if (products > 0) {
    const auto seed_value = values["seed"].as<std::uint64_t>();
    CatalogSeeder seeder(application->database(), application->ids(), application->clock(), application->users().auth(),
                         application->catalog());
    print_catalog(seeder.run({.products = products, .seed = seed_value}), seed_value);
  }
  return 0;
}

std::string read_password_line() {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

int admin_create(const std::vector<std::string>& arguments) {
  Command command{"admin create", "Creates an account with the given role; the password is read from stdin.", {}};
  command.options.add_options()("help,h", "show this help")("email", po::value<std::string>(), "the account's email")(
      "name", po::value<std::string>()->default_value("Administrator"), "the account's display name")(
      "role", po::value<std::string>()->default_value("admin"), "admin or vendor")(
      "password-stdin", "read the password from the first line of standard input (required)");
  const auto values = parse(command, arguments);
  if (wants_help(values)) return print_help(command), 0;
  if (!values.count("email") || !values.count("password-stdin")) {
    std::cerr << "emporium admin create: --email and --password-stdin are required\n";
    return 2;
  }
  const auto email = users::normalize_email(values["email"].as<std::string>());
  const auto role = http::role_from_string(values["role"].as<std::string>());
  if (!users::is_plausible_email(email)) return std::cerr << "emporium admin create: not an email address\n", 2;
  if (!role || *role == http::Role::Customer)
    return std::cerr << "emporium admin create: --role must be admin or vendor\n", 2;
  const auto name = std::string(trim(values["name"].as<std::string>()));
  if (name.empty() || utf8_length(name) > 100)
    return std::cerr << "emporium admin create: --name must have 1 to 100 characters\n", 2;
  const auto password = read_password_line();
  const auto length = utf8_length(password);  // characters, as the API counts them
  if (!is_valid_utf8(password) || length < users::PasswordHasher::kMinLength ||
      length > users::PasswordHasher::kMaxLength) {
    std::cerr << "emporium admin create: the password must have 10 to 1024 characters\n";
    return 2;
  }
  const auto application = open_application();
  application->build_services();
  const auto user =
      application->users().auth().create_account({.email = email, .password = password, .name = name}, *role);
  if (!user) {
    std::cerr << "emporium admin create: " << user.error().detail << "\n";
    return 1;
  }
  std::cout << "Created " << http::to_string(user->role) << " " << user->email << " (" << user->id << ").\n";
  return 0;
}

int admin(const std::vector<std::string>& arguments) {
  if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h") {
    std::cout << "Usage: emporium admin create --email E --password-stdin [--role admin|vendor] [--name N]\n";
    return arguments.empty() ? 2 : 0;
  }
  if (arguments[0] != "create") {
    std::cerr << "emporium admin: unknown subcommand '" << arguments[0] << "'\n";
    return 2;
  }
  return admin_create(std::vector<std::string>(arguments.begin() + 1, arguments.end()));
}

}  // namespace

int run_cli(int argc, char** argv) {
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (all.empty() || all[0] == "--help" || all[0] == "-h" || all[0] == "help") {
    std::cout << kUsage;
    return all.empty() ? 2 : 0;
  }
  if (all[0] == "--version") {
    std::cout << "emporium 0.1.0\n";
    return 0;
  }
  const std::vector<std::string> rest(all.begin() + 1, all.end());
  int status = 2;
  try {
    if (all[0] == "serve") {
      status = serve(rest);
    } else if (all[0] == "migrate") {
      status = migrate(rest);
    } else if (all[0] == "seed") {
      status = seed(rest);
    } else if (all[0] == "admin") {
      status = admin(rest);
    } else {
      std::cerr << "emporium: unknown command '" << all[0] << "'\n\n" << kUsage;
    }
  } catch (const po::error& e) {
    std::cerr << "emporium " << all[0] << ": " << e.what() << "\n";
    status = 2;
  } catch (const ConfigError& e) {
    std::cerr << "emporium: bad configuration: " << e.what() << "\n";
    status = 78;  // EX_CONFIG
  } catch (const std::exception& e) {
    log::error("fatal", {{"error", e.what()}});
    log::shutdown();
    std::cerr << "emporium: " << e.what() << "\n";
    return 1;
  }
  log::shutdown();
  return status;
}

}  // namespace emporium::app
