# The two commands a newcomer needs: `make run` and `make test`. Everything else is for developers.
SHELL := /bin/bash
.DEFAULT_GOAL := help

JOBS          ?= $(shell nproc)
RELEASE_DIR   := build/release
TEST_DIR      := build/test
COVERAGE_DIR  := build/coverage
EMPORIUM      := $(RELEASE_DIR)/src/emporium
CMAKE_COMMON  := -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_DIR ?= $(HOME)/.cache/ccache
# Share cache hits between build folders (and clones): paths are hashed relative to the checkout.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: help bootstrap build run test test-unit test-int test-build coverage bench format clean

help:
	@echo "make run        install what is missing, build, load demo data once, serve on http://127.0.0.1:8080"
	@echo "make test       install what is missing, build with sanitizers, run every test (SQLite and PostgreSQL)"
	@echo "make test-unit  unit tests only            make test-int   integration tests only"
	@echo "make coverage   line and branch coverage   make bench      benchmarks (ratios to nginx)"

bootstrap:
	@scripts/bootstrap

$(RELEASE_DIR)/build.ninja:
	cmake -S . -B $(RELEASE_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release -DEMPORIUM_TESTS=OFF

build: bootstrap $(RELEASE_DIR)/build.ninja
	cmake --build $(RELEASE_DIR) --target emporium -j $(JOBS)

run: build
	$(EMPORIUM) seed --demo
	exec $(EMPORIUM) serve

$(TEST_DIR)/build.ninja:
	cmake -S . -B $(TEST_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DEMPORIUM_SANITIZE=ON

test-build: bootstrap $(TEST_DIR)/build.ninja
	cmake --build $(TEST_DIR) -j $(JOBS)

# The Release binary is built too, so that `make run` is proven by every test run.
test: build test-build
	scripts/with-services ctest --test-dir $(TEST_DIR) --output-on-failure -j $(JOBS)

test-unit: test-build
	scripts/with-services ctest --test-dir $(TEST_DIR) --output-on-failure -j $(JOBS) -L unit

test-int: test-build
	scripts/with-services ctest --test-dir $(TEST_DIR) --output-on-failure -j $(JOBS) -L integration

coverage: bootstrap
	cmake -S . -B $(COVERAGE_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g" -DEMPORIUM_COVERAGE=ON
	cmake --build $(COVERAGE_DIR) -j $(JOBS)
	scripts/with-services ctest --test-dir $(COVERAGE_DIR) --output-on-failure -j $(JOBS)
	mkdir -p coverage
	# Branches the compiler adds for exceptions and unreachable paths are not decisions of ours: left out.
	gcovr --root . --filter src/ --exclude '.*_test\.cpp' --exclude 'src/storage/testing/' \
	  --exclude-throw-branches --exclude-unreachable-branches --object-directory $(COVERAGE_DIR) \
	  --print-summary --html-details coverage/index.html $(COVERAGE_DIR)

bench: build
	bench/run
	scripts/with-services bench/checkout

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp')

clean:
	rm -rf build coverage
