package deps

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLockfile runs the whole dependency scan on arbitrary lockfile bytes:
// whatever osv-scanner's parsers make of them, the scanner must return
// findings or errors, never panic or hang. Slow per input (a full scan), so
// run it with -fuzztime in minutes.
func FuzzLockfile(f *testing.F) {
	db := testDB(f)
	for _, seed := range []struct{ name, body string }{
		{"requirements.txt", "PyYAML==5.3.1\nrequests>=2.0 \\\n  --hash=sha256:00\n-r other.txt\n"},
		{"package-lock.json", `{"lockfileVersion":3,"packages":{"node_modules/lodash":{"version":"4.17.15"}}}`},
		{"go.mod", "module x\nrequire golang.org/x/text v0.3.5\n"},
		{"poetry.lock", "[[package]]\nname = \"pyyaml\"\nversion = \"5.3.1\"\n"},
		{"yarn.lock", "lodash@^4:\n  version \"4.17.11\"\n"},
	} {
		f.Add(seed.name, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, name string, body []byte) {
		switch name {
		case "requirements.txt", "package-lock.json", "go.mod", "poetry.lock", "yarn.lock", "Pipfile.lock", "pnpm-lock.yaml", "Cargo.lock":
		default:
			return
		}
		root := t.TempDir()
		if err := os.WriteFile(filepath.Join(root, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, _ = scanTree(t, root, db)
	})
}
