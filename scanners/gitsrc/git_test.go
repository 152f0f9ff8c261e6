package gitsrc

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/hostile"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// evil is a script that leaves a marker file when run.
func evil(t *testing.T) (script, marker string) { return hostile.Script(t) }

func repo(t *testing.T) string {
	dir := t.TempDir()
	testutil.Git(t, dir, "init", "-q")
	testutil.WriteFiles(t, dir, map[string]string{"a.txt": "one\n"})
	testutil.Git(t, dir, "add", ".")
	testutil.Git(t, dir, "commit", "-qm", "first")
	return dir
}

func ran(marker string) bool { return hostile.Ran(marker) }

// A signed commit with log.showSignature and gpg.program set in the scanned
// repository's own config must not run the program.
func TestLogDoesNotRunGPGProgram(t *testing.T) {
	dir := repo(t)
	script, marker := evil(t)
	tree := testutil.Git(t, dir, "rev-parse", "HEAD^{tree}")
	parent := testutil.Git(t, dir, "rev-parse", "HEAD")
	obj := "tree " + tree + "\nparent " + parent + "\nauthor A <a@b> 1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n"
	f := filepath.Join(t.TempDir(), "commit")
	if err := os.WriteFile(f, []byte(obj), 0o644); err != nil {
		t.Fatal(err)
	}
	sha := testutil.Git(t, dir, "hash-object", "-t", "commit", "-w", f)
	testutil.Git(t, dir, "update-ref", "HEAD", sha)
	testutil.Git(t, dir, "config", "log.showSignature", "true")
	testutil.Git(t, dir, "config", "gpg.program", script)
	// Unhardened, git runs it: the test's premise holds.
	_ = testutil.GitMayFail(dir, "log", "-1")
	if !ran(marker) {
		t.Skip("this git does not run gpg.program for log.showSignature; nothing to prove")
	}
	os.Remove(marker)
	r := Repo{Root: dir}
	if _, err := r.Log(context.Background(), LogOptions{}, counter{}, func(Change) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Output(context.Background(), "log", "-1"); err != nil {
		t.Fatal(err)
	}
	if ran(marker) {
		t.Fatal("git ran the repository's gpg.program")
	}
}

// A partial clone's missing blob would be fetched lazily from its promisor
// remote: through ext:: (a shell command) or core.sshCommand. Bulwark never
// fetches: the read fails, naming the object, and nothing runs.
func TestNoLazyFetchFromAPartialClone(t *testing.T) {
	origin := repo(t)
	testutil.Git(t, origin, "config", "uploadpack.allowFilter", "true")
	clone := filepath.Join(t.TempDir(), "clone")
	testutil.Git(t, origin, "clone", "-q", "--no-checkout", "--filter=blob:none", "file://"+origin, clone)
	script, marker := evil(t)
	for name, cfg := range map[string][][2]string{
		"ext":        {{"remote.origin.url", "ext::" + script}, {"protocol.ext.allow", "always"}},
		"sshCommand": {{"remote.origin.url", "ssh://git@example.invalid/x.git"}, {"core.sshCommand", script}, {"protocol.ssh.allow", "always"}},
		"file":       {{"remote.origin.url", "file://" + origin}, {"protocol.file.allow", "always"}, {"credential.helper", "!" + script}},
	} {
		t.Run(name, func(t *testing.T) {
			for _, kv := range cfg {
				testutil.Git(t, clone, "config", kv[0], kv[1])
			}
			os.Remove(marker)
			r := Repo{Root: clone}
			_, err := r.Log(context.Background(), LogOptions{}, counter{}, func(Change) error { return nil })
			if ran(marker) {
				t.Fatal("a lazy fetch ran the repository's program")
			}
			if err == nil {
				t.Fatal("history of a partial clone with missing blobs read as complete")
			}
			head := testutil.Git(t, clone, "rev-parse", "HEAD:a.txt")
			berr := r.Blobs(context.Background(), []string{head}, 1<<20, func(int, Blob) error { return nil })
			if berr == nil || !strings.Contains(berr.Error(), head) {
				t.Errorf("missing blob: %v", berr)
			}
			if ran(marker) {
				t.Fatal("cat-file ran the repository's program")
			}
		})
	}
}

func TestExcludePathspecs(t *testing.T) {
	got := strings.Join(ExcludePathspecs([]string{"vendor/", "docs/*.md", "/build", "!keep", "# c", "secret.env"}), " ")
	want := ":(exclude,glob)**/vendor/** :(exclude,glob)docs/*.md/** :(exclude,glob)docs/*.md :(exclude,glob)build/** :(exclude,glob)build " +
		":(exclude,glob)**/secret.env/** :(exclude,glob)**/secret.env"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	dir := repo(t)
	testutil.WriteFiles(t, dir, map[string]string{"vendor/k.py": "KEY=1\n", "app/vendor/x.py": "y\n", "app/main.py": "z\n"})
	testutil.Git(t, dir, "add", ".")
	testutil.Git(t, dir, "commit", "-qm", "more")
	var paths []string
	if _, err := (Repo{Root: dir}).Log(context.Background(), LogOptions{Excludes: []string{"vendor/"}}, counter{}, func(c Change) error {
		paths = append(paths, c.Path)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(paths, " ") != "app/main.py a.txt" {
		t.Errorf("history read %v", paths)
	}
}
