# protocheck: the two set-up commands on a fresh machine are `make run` and
# `make test` (see README.md).

GO ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run test test-full bench lint counterexamples check

# Check the default protocol (Lamport's TwoPhase commit, 5 resource
# managers) and print the result.
run:
	$(GO) run ./cmd/check run twophase -n 5

# Every package's tests, the engine's also under the race detector, the
# liveness cross-check with SPIN (about 10 s; spin is installed if missing,
# and the check is skipped with a message if it cannot be), and the
# explorer in a real browser (chromium, installed likewise; screenshots in
# test-output/_artifacts/). Big state spaces are benchmarks, skipped here
# (-short).
test:
	$(GO) test -short -count=1 ./...
	$(GO) test -race -short -count=1 ./explore/... ./model/...
	@command -v spin >/dev/null || apt-get install -y spin >/dev/null 2>&1 || \
		{ apt-get update >/dev/null 2>&1 && apt-get install -y spin >/dev/null 2>&1; } || \
		echo "spin could not be installed: the SPIN cross-check will be skipped"
	$(GO) test -count=1 -run TestSpinCrossCheck ./explore/
	@command -v chromium >/dev/null || apt-get install -y chromium >/dev/null 2>&1 || \
		{ apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; } || \
		echo "chromium could not be installed: the browser test will be skipped"
	@mkdir -p test-output
	cd explorer/browsertest && $(GO) test -count=1 -v -run TestBrowser -artifacts -outputdir $(CURDIR)/test-output .
	cd beam && $(GO) test -short -count=1 ./...

# The same without -short: adds the larger pinned sizes.
test-full:
	$(GO) test -count=1 ./...

# First the performance targets as one table with ratios from this run
# (bench/perf.sh: TwoPhase against SPIN, twopc safety, one-pass liveness and
# partial-order reduction); then protocheck against SPIN on TwoPhase at 7, 8
# and 9 resource managers and on Ricart-Agrawala at 3 and 4 processes
# (bench/dme.sh), and the other benchmarks (the scripts install spin if it is
# missing). Run it on an otherwise idle machine.
bench:
	bash bench/perf.sh
	bash bench/run.sh
	bash bench/actors.sh
	bash bench/dme.sh

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	cd explorer/browsertest && $(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Regenerate the saved counterexample traces (and HTML views) from the
# catalogue: every broken variant's declared violations at its defaults.
# Review the diff before committing.
counterexamples:
	$(GO) test ./protocols -run TestCatalog -count=1 -update

# Run the CLI over every protocol at its default size and variant (each must
# exit 0: every property holds over the complete state space).
check:
	@$(GO) build -o /tmp/protocheck-check ./cmd/check
	@for p in $$(/tmp/protocheck-check list -names); do \
		echo "== $$p"; /tmp/protocheck-check run $$p -quiet >/tmp/protocheck-check.out; c=$$?; \
		tail -n 1 /tmp/protocheck-check.out; [ $$c -eq 0 ] || exit $$c; \
	done
