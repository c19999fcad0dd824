# The two commands of the README's quick start:
#   make run    installs what is missing, builds Release, launches Hookscope
#   make test   installs what is missing, builds with warnings as errors, runs every test headless
#   make package installs what is missing, builds Release, writes build/release/hookscope_VERSION_ARCH.deb
# All are idempotent: a second run only rebuilds what changed.

BUILD_DIR ?= build/release
TEST_BUILD_DIR ?= build/test
WERROR ?= ON
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")

.PHONY: all deps build run test package format clean

all: build

deps:
	@packaging/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=Release -DHOOKSCOPE_BUILD_TESTS=OFF
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/bin/hookscope

test: deps
	cmake -S . -B $(TEST_BUILD_DIR) -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=Debug -DHOOKSCOPE_WERROR=$(WERROR)
	cmake --build $(TEST_BUILD_DIR) -j $(JOBS)
	cd $(TEST_BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

package: build
	cmake --build $(BUILD_DIR) --target package

format:
	cmake -S . -B $(TEST_BUILD_DIR) -G "$(GENERATOR)" >/dev/null
	cmake --build $(TEST_BUILD_DIR) --target format

clean:
	rm -rf build
