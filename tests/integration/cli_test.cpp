// The command line: help, unknown commands, bad configuration, migrate and seed.
#include <gtest/gtest.h>

#include "assertions.hpp"
#include "server_process.hpp"

namespace emporium::testing {
namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST(Cli, HelpListsTheCommands) {
  const auto result = run_emporium({"--help"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  for (const auto* command : {"serve", "migrate", "seed"}) EXPECT_TRUE(contains(result.out, command)) << result.out;
}

TEST(Cli, EachCommandHasHelp) {
  for (const auto* command : {"serve", "migrate", "seed"}) {
    const auto result = run_emporium({command, "--help"});
    EXPECT_EQ(result.exit_code, 0) << command << ": " << result.err;
    EXPECT_TRUE(contains(result.out, std::string("Usage: emporium ") + command)) << result.out;
  }
}

TEST(Cli, UnknownCommandFails) {
  const auto result = run_emporium({"frobnicate"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(contains(result.err, "frobnicate")) << result.err;
}

TEST(Cli, BadConfigurationFailsWithOneLineNamingTheVariable) {
  Sandbox sandbox;
  auto env = sandbox.env();
  env.emplace_back("EMPORIUM_PORT", "abc");
  const auto result = run_emporium({"serve"}, env, std::chrono::seconds(20));
  EXPECT_NE(result.exit_code, 0);
  ASSERT_EQ(result.err_lines.size(), 1u) << result.err;
  EXPECT_TRUE(contains(result.err_lines[0], "EMPORIUM_PORT")) << result.err;
}

TEST(Cli, MigrateTwiceSucceeds) {
  Sandbox sandbox;
  const auto first = run_emporium({"migrate"}, sandbox.env());
  EXPECT_EQ(first.exit_code, 0) << first.err << first.out;
  const auto second = run_emporium({"migrate"}, sandbox.env());
  EXPECT_EQ(second.exit_code, 0) << second.err << second.out;
}

TEST(Cli, SeedDemoLoadsOnceThenChangesNothing) {
  Sandbox sandbox;
  const auto first = run_emporium({"seed", "--demo"}, sandbox.env());
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  EXPECT_TRUE(contains(first.out, "loaded")) << first.out;
  const auto second = run_emporium({"seed", "--demo"}, sandbox.env());
  ASSERT_EQ(second.exit_code, 0) << second.err << second.out;
  EXPECT_TRUE(contains(second.out, "nothing changed")) << second.out;
}

}  // namespace
}  // namespace emporium::testing
