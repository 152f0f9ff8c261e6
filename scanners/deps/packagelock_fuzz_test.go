package deps

import (
	"testing"
	"testing/fstest"
)

// FuzzPackageLock feeds arbitrary bytes to the one-pass line index, which
// must never panic or hang, and to osv-scalibr's package-lock.json extractor
// and ours, which must agree: the same error or the same packages, with the
// lines gjson finds.
func FuzzPackageLock(f *testing.F) {
	for _, data := range lockFixtures(f) {
		if len(data) <= maxCompared {
			f.Add(data)
		}
	}
	for v := 1; v <= 3; v++ {
		f.Add(genPackageLock(15, v))
	}
	f.Add([]byte(`{"lockfileVersion":1,"dependencies":{"a":{"version":"npm:b"}}}`))
	ours, err := newPackageLockExtractor(nil)
	if err != nil {
		f.Fatal(err)
	}
	builtin := builtinLockExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		indexLockLines(data, "packages")
		indexLockLines(data, "dependencies")
		if len(data) > maxCompared {
			_, _ = parsePackageLock(data)
			return
		}
		if panics(func() { _, _ = extractLock(builtin, fstest.MapFS{}, data) }) {
			_, _ = parsePackageLock(data) // "npm:x" with no "@": osv-scalibr's panics, ours must not
			return
		}
		comparePackageLock(t, builtin, ours, fstest.MapFS{}, data)
		if msg := diffGJSONLines(data); msg != "" {
			t.Error(msg)
		}
	})
}

// maxCompared bounds the inputs given to osv-scalibr's extractor, which is
// quadratic.
const maxCompared = 1 << 14

func panics(fn func()) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	fn()
	return false
}
