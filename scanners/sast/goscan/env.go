package goscan

import (
	"go/version"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
)

// allowedEnv are the variables of Options.Env the go command may see: where
// it finds itself, the module cache and a temporary directory. Nothing else
// of the runner's environment (tokens, proxies, GOFLAGS) reaches it.
var allowedEnv = map[string]bool{
	"PATH": true, "HOME": true, "USERPROFILE": true, "GOPATH": true, "GOMODCACHE": true, "GOROOT": true,
	"TMPDIR": true, "TMP": true, "TEMP": true, "LOCALAPPDATA": true, "APPDATA": true, "SystemRoot": true,
	"XDG_CACHE_HOME": true,
}

// lockedEnv is what the loader's go command runs with, overriding anything
// the base environment says:
//   - offline: no module proxy, no checksum database, no version control;
//   - no writes to go.mod or go.sum, no VCS stamping (which would run git
//     with the scanned repository's config), no toolchain switch;
//   - no cgo, so a hostile repository's C code and #cgo flags never reach
//     a C compiler or pkg-config;
//   - no go env file (GOENV=off): the runner passes GOPATH and GOMODCACHE.
var lockedEnv = []string{
	"GOPROXY=off", "GOSUMDB=off", "GOVCS=*:off", "GOTOOLCHAIN=local", "GOTELEMETRY=off",
	"CGO_ENABLED=0", "GO111MODULE=on", "GOENV=off",
}

// loaderEnv builds the go command's environment for one module. work is the
// absolute path of the go.work to use, "" for none: GOWORK=off then, so the
// go command never picks up a go.work above the scanned root.
func loaderEnv(base []string, goCache, work string, vendor bool) []string {
	env := append(filterEnv(base), lockedEnv...)
	mod := "-mod=readonly"
	if vendor {
		mod = "-mod=vendor"
	}
	env = append(env, "GOFLAGS="+mod+" -buildvcs=false")
	if goCache != "" {
		env = append(env, "GOCACHE="+goCache)
	}
	if work == "" {
		work = "off"
	}
	return append(env, "GOWORK="+work)
}

// filterEnv keeps the variables of env the go command may see.
func filterEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		if k, _, ok := strings.Cut(kv, "="); ok && allowedEnv[k] {
			out = append(out, kv)
		}
	}
	return out
}

var goVersionOnce sync.Once

// goVersionEnv is the variable gosec reads, once per process, for the Go
// version its version-dependent rules (G601, G304, G402) assume. Without it
// gosec runs `go list -m -json` in the process's working directory.
const goVersionEnv = "GOSECGOVERSION"

// setGoVersion sets GOSECGOVERSION to the version of the toolchain this
// binary was built with (runtime.Version()). That is process-wide, and so is
// gosec's cache of it; the per-module go line is not used.
func setGoVersion() {
	goVersionOnce.Do(func() {
		v := runtime.Version()
		if !version.IsValid(v) { // "devel go1.27-abcdef ...": keep the release it is on the way to
			if m := goRelease.FindString(v); m != "" {
				v = m
			}
		}
		_ = os.Setenv(goVersionEnv, v)
	})
}

var goRelease = regexp.MustCompile(`go1\.[0-9]+(\.[0-9]+)?`)
