# Bulwark — see README.md. Every target works offline once modules are cached.
GO       ?= go
BIN      := bin/bulwark
HELPER   := bin/bulwark-secrets
# The secrets helper links trufflehog's detectors. With libre2 (Debian:
# libre2-dev) it is built with cgo and the re2_cgo tag, which cuts its start-up
# from ~0.7 s to ~0.2 s; without, it falls back to the pure-Go WebAssembly RE2.
RE2_CGO  ?= $(shell pkg-config --exists re2 2>/dev/null && command -v g++ >/dev/null && echo 1)
ifeq ($(RE2_CGO),1)
HELPER_ENV   := CGO_ENABLED=1
HELPER_FLAGS := -tags re2_cgo
else
HELPER_ENV   :=
HELPER_FLAGS :=
endif
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X github.com/bulwark-sec/bulwark/internal/cli.Version=$(VERSION)
FUZZTIME ?= 30s
export GOTOOLCHAIN := local

.PHONY: build test demo bench fuzz lint race clean

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/bulwark
	$(HELPER_ENV) $(GO) build -trimpath -ldflags '-s -w' $(HELPER_FLAGS) -o $(HELPER) ./cmd/bulwark-secrets

# Every package runs under the race detector except the two that link
# trufflehog's ~850 detectors (a second, instrumented build of them would
# double the cold build for a thin adapter); they run without it.
HEAVY    := ./scanners/secrets/thog/... ./cmd/bulwark-secrets/...
test:
	$(GO) vet ./...
	$(GO) test -race $$($(GO) list ./... | grep -v -e /scanners/secrets/thog -e /cmd/bulwark-secrets)
	$(GO) test $(HEAVY)

# Scan the bundled demo bot. Its planted problems fail the default gate, so
# this target ends with bulwark's exit code 1 after printing the summary.
demo: build
	@rm -rf demo-out
	@code=0; ./$(BIN) scan testdata/demo --out demo-out --format markdown --offline-db testdata/osv-demo || code=$$?; \
	echo; echo "Reports: demo-out/bulwark.json demo-out/bulwark.md demo-out/bulwark.sarif"; \
	echo "bulwark exited $$code (0 pass, 1 gate failed, 2 error)"; exit $$code

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# Run every fuzz target for FUZZTIME each (go test allows one target per run).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list='^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$t ($(FUZZTIME))"; \
	    $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done

# golangci-lint is pinned and installed into the cache on first use.
GOLANGCI_VERSION := v2.15.0
GOLANGCI := $(shell $(GO) env GOPATH)/bin/golangci-lint-$(GOLANGCI_VERSION)

$(GOLANGCI):
	d=$$(mktemp -d) && GOBIN=$$d GOFLAGS= $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION) && \
	  mkdir -p $$(dirname $@) && mv $$d/golangci-lint $@ && rmdir $$d

lint: $(GOLANGCI)
	@# testdata/ holds Go that must not parse (SAST's broken-module fixtures)
	@test -z "$$(gofmt -l $$(git ls-files '*.go' ':!:**/testdata/**'))" || { gofmt -l $$(git ls-files '*.go' ':!:**/testdata/**'); echo "gofmt needed"; exit 1; }
	$(GO) vet ./...
	$(GOLANGCI) run ./...

race:
	$(GO) test -race ./...

clean:
	rm -rf bin demo-out
