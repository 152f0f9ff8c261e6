#!/bin/sh
# Regenerates testdata/gosec-cli.json: what the gosec CLI of the version in
# go.mod reports on testdata/mod, trimmed to rule, file, line, column,
# severity, confidence, CWE and suppression. TestCLIComparison checks that
# Analyze reports exactly that set. Needs the module proxy once (go install);
# the scan itself runs offline, in the environment the loader uses (env.go).
# testdata/mod requires golang.org/x/crypto and x/sys at the versions the
# repository's go.mod selects, so the module cache `go mod download` fills
# in the repository root is all it needs.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd) # scanners/sast/goscan
version=v2.30.0
bin=${GOSEC_BIN:-/tmp/gosecbin}
raw=${TMPDIR:-/tmp}/gosec-cli-raw.json

GOBIN=$bin go install "github.com/securego/gosec/v2/cmd/gosec@$version"

cd "$here/testdata/mod"
env -i PATH="$PATH" HOME="$HOME" GOPATH="$(go env GOPATH)" GOMODCACHE="$(go env GOMODCACHE)" \
	GOCACHE="$(go env GOCACHE)" TMPDIR="${TMPDIR:-/tmp}" \
	GOPROXY=off GOSUMDB=off 'GOVCS=*:off' GOTOOLCHAIN=local GOTELEMETRY=off CGO_ENABLED=0 \
	GO111MODULE=on GOENV=off GOFLAGS='-mod=readonly -buildvcs=false' GOWORK=off \
	GOSECGOVERSION="$(go env GOVERSION)" \
	"$bin/gosec" -quiet -no-fail -track-suppressions -fmt json -out "$raw" ./...

cd "$here"
go test -count=1 -run '^TestCLIComparison$' . -cli-json="$raw"
