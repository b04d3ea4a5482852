#pragma once

namespace emporium::app {

// The `emporium` command line: serve, migrate, seed; `--help` everywhere. Returns the exit code.
int run_cli(int argc, char** argv);

}  // namespace emporium::app
