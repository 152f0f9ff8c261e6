package goscan

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// devGoCache is the developer's (warm) build cache, so the tests do not
// compile the standard library cold.
var devGoCache = sync.OnceValue(func() string {
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
})

// testOptions are the options production would use for root: the process
// environment filtered the way the loader filters it, the warm cache.
func testOptions(t testing.TB, root string) Options {
	t.Helper()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Root: abs, Env: filterEnv(os.Environ()), GoCache: devGoCache(), Jobs: 2}
}

func analyze(t testing.TB, root string, mods []Module, edit func(*Options)) *Result {
	t.Helper()
	opt := testOptions(t, root)
	if edit != nil {
		edit(&opt)
	}
	res, err := Analyze(context.Background(), mods, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
