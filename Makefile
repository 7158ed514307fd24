# DANCER Zoo — the two commands a newcomer needs, plus the jobs around them.
#   make demo   denoise the bundled example with the pretrained DANCER (installs deps)
#   make test   run the whole test suite (installs deps)

SWIFT ?= swift
RELEASE = -c release

.PHONY: deps build test demo bench fuzz variant-check docs clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build $(RELEASE) --product dancer

# The tests build in the debug configuration with the optimiser on: -O makes checkpoint quick
# checks about ten times faster than -Onone, and -assert-config Debug keeps every check
# (bounds of unsafe buffers included). Tensors/Precondition.swift keeps shape messages in
# release builds too.
test: deps
	$(SWIFT) test -Xswiftc -O -Xswiftc -assert-config -Xswiftc Debug

demo: build
	.build/release/dancer demo

bench: build
	.build/release/dancer bench

# libFuzzer harnesses (scripts/fuzz): WFDB header, safetensors, checkpoint loader; FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 60

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz/run.sh

variant-check: deps
	bash scripts/check-add-variant.sh

docs: deps
	$(SWIFT) package generate-documentation --target DenoiserKit

clean:
	rm -rf .build demo-output
