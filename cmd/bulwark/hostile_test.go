package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/hostile"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// Each test here is one way a pull request tried to run code on the CI
// machine, hide a finding or turn a red build green (issue #10); the
// repositories are built by internal/hostile at test time.

type hostileReport struct {
	Verdict  string `json:"verdict"`
	Findings []struct {
		RuleID  string   `json:"rule_id"`
		Path    string   `json:"path"`
		Message string   `json:"message"`
		Also    []string `json:"also"`
	} `json:"findings"`
	Scanners []struct {
		Name, Status, Reason, Error string
	} `json:"scanners"`
	Gate struct {
		Notes []string `json:"notes"`
	} `json:"gate"`
}

func scanJSON(t *testing.T, dir string, args ...string) (int, hostileReport, string) {
	t.Helper()
	code, stdout, stderr := runBinTimeout(t, dir, 60*time.Second, append([]string{"scan", ".", "--format", "json", "-q"}, args...)...)
	var rep hostileReport
	if stdout != "" {
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatalf("stdout is not JSON: %v\n%s\n%s", err, stdout, stderr)
		}
	}
	return code, rep, stderr
}

// runBinTimeout is runBin with a deadline: a hostile input must never hang.
func runBinTimeout(t *testing.T, dir string, d time.Duration, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=", "BULWARK_CACHE_DIR="+t.TempDir())
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	_ = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("bulwark %v hung for %s", args, d)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

func has(rep hostileReport, rule, path string) bool {
	for _, f := range rep.Findings {
		if f.RuleID == rule && (path == "" || f.Path == path) {
			return true
		}
	}
	return false
}

// 1. --history must not run the repository's gpg.program.
func TestHostileGitConfigRunsNothing(t *testing.T) {
	dir := hostile.Repo(t, map[string]string{"bot.py": "x = 1\n"})
	script, marker := hostile.Script(t)
	tree := hostile.Git(t, dir, "rev-parse", "HEAD^{tree}")
	obj := "tree " + tree + "\nauthor A <a@b> 1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n"
	f := filepath.Join(t.TempDir(), "c")
	if err := os.WriteFile(f, []byte(obj), 0o644); err != nil {
		t.Fatal(err)
	}
	hostile.Git(t, dir, "update-ref", "HEAD", hostile.Git(t, dir, "hash-object", "-t", "commit", "-w", f))
	for k, v := range map[string]string{"log.showSignature": "true", "gpg.program": script, "core.fsmonitor": script,
		"diff.external": script, "core.pager": script} {
		hostile.Git(t, dir, "config", k, v)
	}
	for _, mode := range [][]string{nil, {"--history"}, {"--staged"}} {
		scanJSON(t, dir, mode...)
		if hostile.Ran(marker) {
			t.Fatalf("%v ran a program named in the repository's git config", mode)
		}
	}
}

// 2. A bulwark.yml inside the tree cannot turn verification (network) on.
func TestHostileConfigCannotTurnTheNetworkOn(t *testing.T) {
	dir := hostile.Repo(t, map[string]string{"bot.py": hostile.Leak, "bulwark.yml": "version: 1\nsecrets:\n  verify: true\n"})
	code, _, stderr := scanJSON(t, dir)
	if code != 2 || !strings.Contains(stderr, "bulwark.yml:3: secrets.verify: verification opens network connections") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "outside.yml")
	if err := os.WriteFile(out, []byte("version: 1\nsecrets:\n  verify: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runBinTimeout(t, dir, time.Minute, "config", "validate", out); code != 0 {
		t.Errorf("a --config outside the tree may turn it on: exit %d %s", code, stderr)
	}
}

// 3. .gitignore does not hide a tracked file.
func TestHostileGitignoreHidesNoTrackedFile(t *testing.T) {
	dir := hostile.Repo(t, map[string]string{"creds.py": hostile.Leak})
	hostile.Write(t, dir, map[string]string{".gitignore": "creds.py\n"})
	code, rep, _ := scanJSON(t, dir, "--only", "secrets")
	if code != 1 || !has(rep, "secrets.evm_private_key", "creds.py") {
		t.Errorf("exit %d, findings %+v", code, rep.Findings)
	}
}

// 6. Symlinks: an out-of-tree directory link is reported like a file link.
func TestHostileSymlinksOutOfTheTree(t *testing.T) {
	outside := t.TempDir()
	hostile.Write(t, outside, map[string]string{"risk.yaml": "max_leverage: 50\n", "key": hostile.Leak})
	dir := hostile.Repo(t, map[string]string{"bot.py": "x = 1\n"})
	if err := os.Symlink(outside, filepath.Join(dir, "deploy")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "key"), filepath.Join(dir, "key.py")); err != nil {
		t.Fatal(err)
	}
	code, rep, _ := scanJSON(t, dir)
	if code != 1 || !has(rep, "inventory.symlink_outside", "deploy") || !has(rep, "inventory.symlink_outside", "key.py") {
		t.Errorf("exit %d, findings %+v", code, rep.Findings)
	}
}

// 7. A shallow clone cannot pass --history.
func TestHostileShallowHistory(t *testing.T) {
	origin := hostile.Repo(t, map[string]string{"a.py": hostile.Leak})
	hostile.Write(t, origin, map[string]string{"a.py": "x = 1\n"})
	hostile.Git(t, origin, "commit", "-qam", "remove the key")
	clone := filepath.Join(t.TempDir(), "c")
	hostile.Git(t, origin, "clone", "-q", "--depth", "1", "file://"+origin, clone)
	code, _, stderr := scanJSON(t, clone, "--history", "--only", "secrets")
	if code != 2 || !strings.Contains(stderr, "fetch-depth: 0") {
		t.Errorf("shallow --history: exit %d %s", code, stderr)
	}
	code, rep, _ := scanJSON(t, clone, "--history", "--only", "secrets", "--allow-shallow")
	if code != 0 || !strings.Contains(strings.Join(rep.Gate.Notes, " "), "--allow-shallow") {
		t.Errorf("--allow-shallow: exit %d %+v", code, rep.Gate)
	}
}

// 8. A scan that read nothing is not a pass.
func TestHostileNothingRead(t *testing.T) {
	empty := t.TempDir()
	if code, _, _ := scanJSON(t, empty); code != 2 {
		t.Errorf("empty directory: exit %d, want 2", code)
	}
	if code, _, _ := scanJSON(t, empty, "--allow-empty"); code != 0 {
		t.Errorf("empty with --allow-empty: exit %d", code)
	}
	all := hostile.Repo(t, map[string]string{"bot.py": hostile.Leak, "bulwark.yml": "version: 1\nexclude: [\"*\"]\n"})
	if code, rep, _ := scanJSON(t, all); code != 2 || !strings.Contains(strings.Join(rep.Gate.Notes, " "), "no scanner read anything") {
		t.Errorf("exclude everything: exit %d %+v", code, rep.Gate)
	}
	// Nothing staged (or only a deletion) passes: nothing being committed can hold a finding.
	staged := hostile.Repo(t, map[string]string{"bot.py": "x = 1\n", "old.py": "y = 2\n"})
	hostile.Git(t, staged, "rm", "-q", "old.py")
	if code, rep, _ := scanJSON(t, staged, "--staged"); code != 0 || !strings.Contains(strings.Join(rep.Gate.Notes, " "), "only deletions are staged") {
		t.Errorf("only a deletion staged: exit %d %+v", code, rep.Gate)
	}
}

// 9. A file deeper than PATH_MAX is reported, not dropped.
func TestHostileDeepPath(t *testing.T) {
	dir := t.TempDir()
	hostile.Write(t, dir, map[string]string{"bot.py": "x = 1\n"})
	hostile.Deep(t, dir, "risk.yaml", "max_leverage: 50\n")
	code, rep, stderr := scanJSON(t, dir)
	if code != 1 || !has(rep, "inventory.unreadable", "") {
		t.Errorf("exit %d %s, findings %+v", code, stderr, rep.Findings)
	}
}

// 10. Committed next to a leaked key, none of these edits of the
// repository's own bulwark.yml turns red into green.
func TestHostileConfigRedToGreen(t *testing.T) {
	tests := []struct {
		name, yml string
		code      int
		check     func(hostileReport, string) bool
	}{
		{"no gates", "gates: []\n", 2, nil},
		{"gate on a scanner that never runs", "gates:\n  - {scanner: licenses, severity: high}\n", 2, nil},
		{"ignore every rule", "ignore:\n  - {rule: \"*\", reason: approved, expires: 2027-01-01}\n", 2, nil},
		{"ignore every path", "ignore:\n  - {path: \"**\", reason: approved, expires: 2027-01-01}\n", 2, nil},
		{"ignore *.*", "ignore:\n  - {rule: \"*.*\", reason: approved, expires: 2027-01-01}\n", 2, nil},
		{"ignore *-*", "ignore:\n  - {rule: \"*-*\", reason: approved, expires: 2027-01-01}\n", 2, nil},
		{"ignore forever", "ignore:\n  - {rule: secrets.*, reason: approved, expires: 9999-12-31}\n", 2, nil},
		{"exclude everything", "exclude: [\"*\"]\n", 2, nil},
		{"huge file size", "riskcheck:\n  max_file_size: 4294967296\n", 2, nil},
		// SAST still reads bot.py, so the run passes on what it read; the
		// skip is in the report with its file and line, for the reviewer.
		{"skip secrets is shown", "scanners:\n  skip: [secrets]\n", 0, func(r hostileReport, _ string) bool {
			for _, s := range r.Scanners {
				if s.Name == "secrets" {
					return s.Status == "disabled" && s.Reason == "bulwark.yml:3 scanners.skip"
				}
			}
			return false
		}},
		{"loosened limits stay reported", "riskcheck:\n  limits:\n    max_leverage: {value: 300x, reason: approved}\n", 1, func(r hostileReport, _ string) bool {
			return has(r, "risk.limit_loosened", "bulwark.yml")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := hostile.Repo(t, map[string]string{"bot.py": hostile.Leak, "bulwark.yml": "version: 1\n" + tc.yml})
			code, rep, stderr := scanJSON(t, dir)
			if code != tc.code || (tc.check != nil && !tc.check(rep, stderr)) {
				t.Errorf("exit %d, want %d\n%s\n%+v", code, tc.code, stderr, rep.Scanners)
			}
		})
	}
	// An inline suppression of every rule suppresses nothing, and says so.
	dir := hostile.Repo(t, map[string]string{"bot.py": strings.TrimSuffix(hostile.Leak, "\n") + "  # bulwark:ignore * -- approved\n"})
	code, rep, _ := scanJSON(t, dir)
	if code != 1 || !has(rep, "secrets.evm_private_key", "bot.py") || !has(rep, "inline.unused", "bot.py") {
		t.Errorf("inline *: exit %d %+v", code, rep.Findings)
	}
}

// 11, 12. Names made to forge workflow commands or Markdown stay inert.
func TestHostileFileNamesInOutputs(t *testing.T) {
	dir := t.TempDir()
	names := []string{"risk\n::error file=README.md,line=1::forged\n.yaml", "x\n## ✅ Bulwark: passed\n<img src=x onerror=alert(1)>.env", "esc\x1b[31mred.py"}
	for _, n := range names {
		hostile.Write(t, dir, map[string]string{n: hostile.Leak})
	}
	out := t.TempDir()
	cmd := exec.Command(bin, "scan", ".", "--out", out)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=true", "BULWARK_CACHE_DIR="+t.TempDir())
	var so, se strings.Builder
	cmd.Stdout, cmd.Stderr = &so, &se
	_ = cmd.Run()
	if cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("exit %d\n%s", cmd.ProcessState.ExitCode(), se.String())
	}
	md, _ := os.ReadFile(filepath.Join(out, "bulwark.md"))
	for name, text := range map[string]string{"stdout": so.String(), "stderr": se.String()} {
		for _, line := range strings.Split(text, "\n") {
			l := strings.TrimSpace(line)
			if strings.HasPrefix(l, "::error") || strings.Contains(l, "\x1b") {
				t.Errorf("%s holds a forged line: %q", name, line)
			}
		}
	}
	html := testutil.ParseHTML(testutil.RenderGFM(t, string(md)))
	if html.Count("h2") != 1 || html.Count("img") != 0 || strings.Contains(html.Text(), "Bulwark: passed\n") {
		t.Errorf("bulwark.md renders forged elements: %d h2, %d img", html.Count("h2"), html.Count("img"))
	}
	if !strings.Contains(so.String(), `risk\n::error`) {
		t.Errorf("the name is not shown escaped:\n%s", so.String())
	}
}

// 14. A config symlink out of the tree is refused, and an unknown key that
// is a private key is shown only in part.
func TestHostileConfigFile(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "shadow")
	if err := os.WriteFile(outside, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := hostile.Repo(t, map[string]string{"bot.py": hostile.Leak})
	if err := os.Symlink(outside, filepath.Join(dir, "bulwark.yml")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := scanJSON(t, dir); code != 2 || !strings.Contains(stderr, "points outside the scanned tree") {
		t.Errorf("config symlink: exit %d %s", code, stderr)
	}
	dir = hostile.Repo(t, map[string]string{"bulwark.yml": "version: 1\nroot:*:" + hostile.Key + ": 1\n"})
	code, _, stderr := scanJSON(t, dir)
	if code != 2 || strings.Contains(stderr, hostile.Key[:12]) || !strings.Contains(stderr, "shown in part") {
		t.Errorf("unknown key: exit %d %s", code, stderr)
	}
}

// 15. FIFOs named like the files Bulwark reads never hang it.
func TestHostileFIFOs(t *testing.T) {
	dir := hostile.Repo(t, map[string]string{"bot.py": hostile.Leak})
	for _, n := range []string{"bulwark.yml", ".gitignore", ".git/info/exclude", "risk.yaml", ".env", "strategy.py", "bot.service", "config/logging.yaml"} {
		if !hostile.FIFO(t, filepath.Join(dir, n)) {
			t.Skip("no FIFOs here")
		}
	}
	code, _, stderr := runBinTimeout(t, dir, 60*time.Second, "scan", ".", "-q", "--config", filepath.Join(t.TempDir(), "none.yml"))
	if code != 2 || !strings.Contains(stderr, "none.yml") {
		t.Errorf("missing --config: exit %d %s", code, stderr)
	}
	code, _, stderr = runBinTimeout(t, dir, 60*time.Second, "scan", ".", "-q")
	if code != 2 || !strings.Contains(stderr, "FIFO") {
		t.Errorf("FIFO bulwark.yml: exit %d %s", code, stderr)
	}
	os.Remove(filepath.Join(dir, "bulwark.yml"))
	code, rep, stderr := scanJSON(t, dir)
	if code != 1 || !has(rep, "inventory.not_regular", "risk.yaml") || !has(rep, "secrets.evm_private_key", "bot.py") {
		t.Errorf("FIFOs in the tree: exit %d %s %+v", code, stderr, rep.Findings)
	}
}

// 4 (history). A NUL byte does not make git, and so Bulwark, skip a
// commit's change: history is diffed as text.
func TestHostileNULInHistory(t *testing.T) {
	dir := hostile.Repo(t, map[string]string{"keys.py": "\x00" + hostile.Leak})
	hostile.Write(t, dir, map[string]string{"keys.py": "x = 1\n"})
	hostile.Git(t, dir, "commit", "-qam", "remove the key")
	code, rep, stderr := scanJSON(t, dir, "--history", "--only", "secrets")
	if code != 1 || !has(rep, "secrets.evm_private_key", "keys.py") {
		t.Errorf("exit %d %s %+v", code, stderr, rep.Findings)
	}
}
