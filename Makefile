# The two commands of the README: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
PACKAGES := $(shell grep -v '^\s*\#' .ci/debian-packages.txt | sed 's/\#.*//')
CLANG_PACKAGES := clang libclang-rt-14-dev
BINARY := $(BUILD)/server/cognito-emulator

.PHONY: run test deps test-deps configure build binary test-unit test-clients test-sanitize format-check clean

## make run: install what is missing, build, start on 127.0.0.1:9229 with ./.cognito/db.sqlite
run: binary
	@mkdir -p .cognito
	$(BINARY) --host 127.0.0.1 --port 9229 --db ./.cognito/db.sqlite $(ARGS)

## make test: install, build and run every test suite (unit, integration, real clients)
test: build test-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	bash tests/clients/run.sh $(BINARY)

# Installs the Debian packages of $(1) that are missing (as root), or says which to install.
define install_packages
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing packages. Run: sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_packages,$(PACKAGES))

## The fuzzers and ThreadSanitizer need clang and its sanitizer runtimes (not in the image).
clang-deps: deps
	$(call install_packages,$(CLANG_PACKAGES))

test-deps:
	@missing=""; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	python3 -c 'import boto3' 2>/dev/null || missing="$$missing python3-boto3"; \
	command -v aws >/dev/null || missing="$$missing awscli"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing packages. Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

configure: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

binary: configure
	cmake --build $(BUILD) -j $(JOBS) --target cognito-emulator

test-unit: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-clients: build test-deps
	bash tests/clients/run.sh $(BINARY)

## AddressSanitizer + UndefinedBehaviorSanitizer build running the C++ suites
test-sanitize: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCOGNITO_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

## Reliability (docs/reliability.md). The short crash-safety, soak and shutdown runs are ctest
## tests, so `make test` runs them; these targets are the fuzzers and the long versions.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 8
TSAN_BUILD ?= build-tsan
SOAK_KILLS ?= 25
SOAK_SECONDS ?= 600
.PHONY: fuzz soak test-tsan clang-deps

## make fuzz: every libFuzzer target for FUZZ_SECONDS each (clang, ASan+UBSan), from its seeds
fuzz: clang-deps
	bash tests/fuzz/run.sh --build $(FUZZ_BUILD) --seconds $(FUZZ_SECONDS)

## make soak: the long runs: SOAK_KILLS SIGKILLs under load, a SOAK_SECONDS soak, 10 shutdowns
soak: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS) --target cognito-emulator
	python3 tests/reliability/crash_safety.py --binary $(BINARY) --kills $(SOAK_KILLS)
	python3 tests/reliability/soak.py --binary $(BINARY) --seconds $(SOAK_SECONDS) --clients 32
	python3 tests/reliability/shutdown.py --binary $(BINARY) --rounds 10

## make test-tsan: the HTTP, integration, checkpointer, mapped VFS and group commit suites
## under ThreadSanitizer (clang)
test-tsan: clang-deps
	cmake -S . -B $(TSAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS=-fsanitize=thread \
	  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread $(CMAKE_FLAGS)
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target integration_tests http_tests reliability_tests \
	  storage_checkpointer_test storage_mapped_vfs_test actions_group_commit_test
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $(TSAN_BUILD)/tests/integration/integration_tests
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $(TSAN_BUILD)/tests/unit/http/http_tests
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $(TSAN_BUILD)/tests/reliability/reliability_tests
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $(TSAN_BUILD)/tests/unit/storage/storage_checkpointer_test
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $(TSAN_BUILD)/tests/unit/storage/storage_mapped_vfs_test
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $(TSAN_BUILD)/tests/unit/actions/actions_group_commit_test

## make bench: the benchmark suite (bench/run; BENCH_ARGS=--long for 1,000,000 sign-ins)
.PHONY: bench
bench:
	bash bench/run $(BENCH_ARGS)
