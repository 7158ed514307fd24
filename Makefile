# DANCER Zoo — the two commands a newcomer needs, plus the jobs around them.
#   make demo   denoise the bundled example with the pretrained DANCER (installs deps)
#   make test   run the whole test suite (installs deps)

SWIFT ?= swift
RELEASE_FLAGS = -c release

.PHONY: deps build test demo bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

test: deps
	$(SWIFT) test

demo: deps
	$(SWIFT) run $(RELEASE_FLAGS) dancer demo

bench: deps
	$(SWIFT) run $(RELEASE_FLAGS) dancer bench

clean:
	rm -rf .build
