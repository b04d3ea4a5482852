// Wiring only: everything happens in the command line and the composition root (src/app/).
#include "app/cli.hpp"

int main(int argc, char** argv) { return emporium::app::run_cli(argc, argv); }
