package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	bip39 "github.com/cosmos/go-bip39"
)

// Planted secrets. They are format-valid and fake; the tests below prove none
// of them appears in anything Bulwark writes.
const (
	// bulwark:ignore trufflehog.aws -- a fake credential the tests plant on purpose
	awsID     = "AKIAQYLPMN5HHHFPZAM2"
	awsSecret = "1tUm636uS1yOEcfP5pvfqJ/ml36mF7AkyHsEU0IU"
	// bulwark:ignore secrets.telegram_bot_token -- a fake credential the tests plant on purpose
	tgToken = "5882744021:AAGcQm0bI0c2l4mJX3fKv2xw3k9YtPq8Zr4"
	evmKey  = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	// bulwark:ignore secrets.bybit_api_key -- a fake credential the tests plant on purpose
	bybitKey = "Xq3LmN8pR2tV5wY7zA"
	bybitSec = "Hk4Jm7Np2Qr5St8Uv1Wx3Yz6Ab9Cd2Ef5Gh8"
)

// mnemonic is a valid 12-word BIP-39 phrase from fixed entropy.
func mnemonic(t *testing.T) string {
	t.Helper()
	m, err := bip39.NewMnemonic([]byte("bulwark-fixture!"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// secretsRepo builds the fixture: a key committed then deleted (history
// only), a file whose staged version holds a mnemonic but whose working copy
// no longer does (staged only), an untracked file and an ignored file.
func secretsRepo(t *testing.T) (dir, second string) {
	t.Helper()
	dir = t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "config", "user.email", "dev@example.org")
	git(t, dir, "config", "user.name", "dev")
	write(t, dir, ".gitignore", "*.log\n")
	write(t, dir, "bot.py", "import os\n\n# exchange access\nAWS_ACCESS_KEY_ID = \""+awsID+"\"\nAWS_SECRET_ACCESS_KEY = \""+awsSecret+"\"\nTELEGRAM_TOKEN = \""+tgToken+"\"\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "bot")
	write(t, dir, "wallet.py", "SIGNER_PRIVATE_KEY = \"0x"+evmKey+"\"\n")
	git(t, dir, "add", "wallet.py")
	git(t, dir, "commit", "-qm", "wallet")
	second = git(t, dir, "rev-parse", "HEAD")
	git(t, dir, "rm", "-q", "wallet.py")
	git(t, dir, "commit", "-qm", "remove the key")
	write(t, dir, "seed.txt", "backup phrase:\n"+mnemonic(t)+"\n")
	git(t, dir, "add", "seed.txt")
	write(t, dir, "seed.txt", "backup phrase: moved to the vault\n")
	write(t, dir, "bybit.env", "BYBIT_API_KEY="+bybitKey+"\nBYBIT_API_SECRET="+bybitSec+"\n")
	write(t, dir, "debug.log", "SIGNER_PRIVATE_KEY=0x"+evmKey+"\n")
	return dir, second
}

type secretFinding struct {
	RuleID    string `json:"rule_id"`
	Path      string `json:"path"`
	StartLine int    `json:"start_line"`
	Detail    struct {
		Locations []struct {
			Path   string `json:"path"`
			Line   int    `json:"line"`
			Commit string `json:"commit"`
			Source string `json:"source"`
		} `json:"locations"`
		Preview string `json:"preview"`
	} `json:"detail"`
}

type secretsReport struct {
	Verdict  string          `json:"verdict"`
	Findings []secretFinding `json:"findings"`
	Scanners []struct {
		Name   string           `json:"name"`
		Status string           `json:"status"`
		Reason string           `json:"reason"`
		Error  string           `json:"error"`
		Read   map[string]int64 `json:"read"`
	} `json:"scanners"`
}

// run returns the report's row of one scanner.
func (r secretsReport) run(name string) (s struct {
	Name   string           `json:"name"`
	Status string           `json:"status"`
	Reason string           `json:"reason"`
	Error  string           `json:"error"`
	Read   map[string]int64 `json:"read"`
}) {
	for _, x := range r.Scanners {
		if x.Name == name {
			return x
		}
	}
	return s
}

func scanSecrets(t *testing.T, dir string, args ...string) (int, secretsReport, string) {
	t.Helper()
	code, stdout, stderr := runBin(t, dir, append([]string{"scan", "--only", "secrets", "--format", "json", "-q"}, args...)...)
	var rep secretsReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stderr)
	}
	return code, rep, stderr
}

func places(rep secretsReport) []string {
	var out []string
	for _, f := range rep.Findings {
		for _, l := range f.Detail.Locations {
			out = append(out, f.RuleID+" "+l.Path+":"+itoa(l.Line))
		}
	}
	sort.Strings(out)
	return out
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestSecretsSources(t *testing.T) {
	dir, second := secretsRepo(t)
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"working tree", nil, 1, []string{
			"secrets.bybit_api_key bybit.env:2",
			"secrets.telegram_bot_token bot.py:6",
			"trufflehog.aws bot.py:4",
		}},
		{"staged only", []string{"--staged"}, 1, []string{
			"secrets.bip39_mnemonic seed.txt:2",
		}},
		{"history", []string{"--history"}, 1, []string{
			"secrets.evm_private_key wallet.py:1",
			"secrets.telegram_bot_token bot.py:6",
			"trufflehog.aws bot.py:4",
		}},
		{"history since the second commit", []string{"--history", "--since-commit", second}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, rep, stderr := scanSecrets(t, dir, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s\n%+v", code, tc.code, stderr, rep.Scanners)
			}
			if got := places(rep); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("found\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if s := rep.run("secrets"); s.Read["detectors"] < 800 {
				t.Errorf("only %d detectors loaded: trufflehog's set is missing", s.Read["detectors"])
			}
		})
	}
}

func TestSecretsHistoryNamesTheCommitAndResumes(t *testing.T) {
	dir, second := secretsRepo(t)
	cache := t.TempDir()
	run := func(args ...string) (int, secretsReport) {
		cmd := exec.Command(bin, append([]string{"scan", "--only", "secrets", "--format", "json", "-q"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "BULWARK_CACHE_DIR="+cache)
		out, _ := cmd.Output()
		var rep secretsReport
		if err := json.Unmarshal(out, &rep); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return cmd.ProcessState.ExitCode(), rep
	}
	out := t.TempDir()
	code, rep := run("--history", "--resume", "--out", out)
	if code != 1 {
		t.Fatalf("first resumed run exit %d, want 1", code)
	}
	var evm *secretFinding
	for i := range rep.Findings {
		if rep.Findings[i].RuleID == "secrets.evm_private_key" {
			evm = &rep.Findings[i]
		}
	}
	if evm == nil || evm.Detail.Locations[0].Commit != second || evm.Detail.Locations[0].Source != "history" {
		t.Fatalf("the deleted key is not reported in the commit that added it: %+v", evm)
	}
	if rep.run("secrets").Read["commits"] != 3 {
		t.Errorf("read %d commits, want 3", rep.run("secrets").Read["commits"])
	}
	// A run that failed the gate does not move the mark: the next night
	// reads the same commits, so their findings cannot drop out.
	code, rep = run("--history", "--resume")
	if code != 1 || rep.run("secrets").Read["commits"] != 3 {
		t.Fatalf("resumed run after a failing one: exit %d, %d commits", code, rep.run("secrets").Read["commits"])
	}
	// With the findings accepted in a baseline the run passes and the mark moves.
	if code, _ = run("--history", "--resume", "--baseline", filepath.Join(out, "bulwark.json")); code != 0 {
		t.Fatalf("baselined run: exit %d", code)
	}
	// Nothing new: the next nightly run reads no commit, and passes.
	code, rep = run("--history", "--resume")
	if code != 0 || rep.run("secrets").Status != "skipped" || rep.run("secrets").Reason != "no new commits" {
		t.Fatalf("resumed run with nothing new: exit %d %+v", code, rep.run("secrets"))
	}
	// One new commit (which also commits the staged mnemonic): only it is read.
	// bulwark:ignore secrets.telegram_bot_token -- a fake credential the tests plant on purpose
	write(t, dir, "later.py", "TELEGRAM_BOT_TOKEN = \"7712345678:AAH9xK2mN4pQ6rS8tU0vW2xY4zA6bC8dE0f\"\n")
	git(t, dir, "add", "later.py")
	git(t, dir, "commit", "-qm", "later")
	code, rep = run("--history", "--resume")
	if code != 1 || rep.run("secrets").Read["commits"] != 1 {
		t.Fatalf("resumed run after one new commit: exit %d, %d commits read, want 1 and 1", code, rep.run("secrets").Read["commits"])
	}
	if got := strings.Join(places(rep), ", "); got != "secrets.bip39_mnemonic seed.txt:2, secrets.telegram_bot_token later.py:1" {
		t.Errorf("third run found %v", got)
	}
}

func TestSecretsBadFlagsAndMissingHelper(t *testing.T) {
	dir, _ := secretsRepo(t)
	if code, _, stderr := runBin(t, dir, "scan", "--staged", "--history"); code != 2 || !strings.Contains(stderr, "choose one") {
		t.Errorf("--staged --history: exit %d %s", code, stderr)
	}
	if code, _, stderr := runBin(t, dir, "scan", "--resume"); code != 2 || !strings.Contains(stderr, "--history") {
		t.Errorf("--resume without --history: exit %d %s", code, stderr)
	}
	// A helper that is missing fails the scanner and the run: never a pass.
	cmd := exec.Command(bin, "scan", "--only", "secrets", "--format", "json", "-q")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BULWARK_CACHE_DIR="+t.TempDir(), "BULWARK_SECRETS_HELPER="+filepath.Join(dir, "no-such-helper"))
	out, _ := cmd.Output()
	var rep secretsReport
	_ = json.Unmarshal(out, &rep)
	if cmd.ProcessState.ExitCode() != 2 || rep.run("secrets").Status != "failed" || rep.run("deps").Status != "disabled" {
		t.Errorf("missing helper: exit %d %+v", cmd.ProcessState.ExitCode(), rep.Scanners)
	}
}

// TestNoPlantedSecretLeaks scans a corpus holding every planted secret in
// every mode and greps every output for each raw value.
func TestNoPlantedSecretLeaks(t *testing.T) {
	dir, _ := secretsRepo(t)
	// Credential stores and a connection URI, staged: their detectors see
	// the raw value only inside the scanner too.
	const netrcPw, pgPw, uriPw, djangoKey = "Tr4d3r-2026-Qz8vLm2Rt7Xw", "Pg-Str0ng-9fK2mQzN7xRt", "N7xrT2qZq81mVx0kkLp44", "k2q7v4t8z1w5r0p3n6b9x1m8"
	write(t, dir, "desk/settings.py", "SECRET_KEY = '"+djangoKey+"'\n")
	write(t, dir, ".netrc", "machine api.exchange.io login trader password "+netrcPw+"\n")
	write(t, dir, ".pgpass", "db.internal:5432:trades:bot:"+pgPw+"\n")
	write(t, dir, "db.py", "DSN = \"postgresql://trader:"+uriPw+"@db.prod:5432/fills\"\n")
	git(t, dir, "add", ".netrc", ".pgpass", "db.py", "desk/settings.py")
	raws := []string{awsID, awsSecret, tgToken, evmKey, bybitKey, bybitSec, mnemonic(t), netrcPw, pgPw, uriPw, djangoKey}
	// Parts of a value are a leak too: the tail of a key, a run of mnemonic words.
	var needles []string
	for _, r := range raws {
		needles = append(needles, r)
		if len(r) >= 16 {
			needles = append(needles, r[4:16], r[len(r)-12:])
		}
	}
	words := strings.Fields(mnemonic(t))
	needles = append(needles, strings.Join(words[1:4], " "))
	cache := t.TempDir()
	var outputs []string
	for _, mode := range [][]string{nil, {"--staged"}, {"--history"}} {
		for _, format := range []string{"text", "json", "markdown", "sarif"} {
			out := t.TempDir()
			cmd := exec.Command(bin, append([]string{"scan", "--format", format, "--out", out}, mode...)...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "BULWARK_CACHE_DIR="+cache, "GITHUB_ACTIONS=true")
			var so, se strings.Builder
			cmd.Stdout, cmd.Stderr = &so, &se
			_ = cmd.Run()
			if code := cmd.ProcessState.ExitCode(); code != 1 {
				t.Fatalf("%v %s: exit %d, want 1\n%s", mode, format, code, se.String())
			}
			outputs = append(outputs, so.String(), se.String())
			for _, f := range []string{"bulwark.json", "bulwark.md", "bulwark.sarif"} {
				b, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				outputs = append(outputs, string(b))
			}
		}
	}
	_ = filepath.Walk(cache, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() && info.Size() < 1<<20 {
			b, _ := os.ReadFile(p)
			outputs = append(outputs, string(b))
		}
		return nil
	})
	all := strings.Join(outputs, "")
	for _, rule := range []string{"trufflehog.aws", "secrets.netrc_password", "secrets.pgpass_password", "secrets.uri_password", "secrets.framework_secret_key"} {
		if !strings.Contains(all, rule) {
			t.Fatalf("the corpus was not scanned: no %s finding in any output", rule)
		}
	}
	for i, o := range outputs {
		for j, n := range needles {
			if strings.Contains(o, n) {
				t.Errorf("output %d holds part %d of a planted secret", i, j)
			}
		}
	}
}

// Scanning a subdirectory of a repository reads only that subdirectory's
// staged blobs and history, with paths relative to it.
func TestSecretsSubdirectory(t *testing.T) {
	dir, _ := secretsRepo(t)
	write(t, dir, "bot/keys.py", "SIGNER_PRIVATE_KEY = \"0x"+evmKey+"\"\n")
	git(t, dir, "add", "bot/keys.py")
	sub := filepath.Join(dir, "bot")
	for _, mode := range []string{"--staged", "--history"} {
		code, rep, stderr := scanSecrets(t, sub, mode)
		if mode == "--history" {
			// Nothing under bot/ was ever committed, and no other scanner
			// runs: a run that read nothing is an error unless allowed.
			if code != 2 || len(rep.Findings) != 0 || rep.run("secrets").Reason != "no commit touches this path" {
				t.Errorf("%s: exit %d, %v %+v\n%s", mode, code, places(rep), rep.run("secrets"), stderr)
			}
			if code, _, _ := scanSecrets(t, sub, mode, "--allow-empty"); code != 0 {
				t.Errorf("%s --allow-empty: exit %d", mode, code)
			}
			continue
		}
		if got := strings.Join(places(rep), ", "); code != 1 || got != "secrets.evm_private_key keys.py:1" {
			t.Errorf("%s: exit %d, found %s\n%s", mode, code, got, stderr)
		}
	}
}

// A secret that exists only in a merge's conflict resolution is found, in
// the merge commit.
func TestSecretsHistoryMergeResolution(t *testing.T) {
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "config", "user.email", "dev@example.org")
	git(t, dir, "config", "user.name", "dev")
	write(t, dir, "cfg.py", "A = 1\nSIGNER = None\nB = 2\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "base")
	git(t, dir, "checkout", "-qb", "side")
	write(t, dir, "cfg.py", "A = 1\nSIGNER = 'from-side'\nB = 2\n")
	git(t, dir, "commit", "-qam", "side")
	git(t, dir, "checkout", "-q", "main")
	write(t, dir, "cfg.py", "A = 1\nSIGNER = 'from-main'\nB = 2\n")
	git(t, dir, "commit", "-qam", "main")
	cmd := exec.Command("git", "-C", dir, "merge", "-q", "side")
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null")
	_ = cmd.Run() // conflicts, by design
	write(t, dir, "cfg.py", "A = 1\nSIGNER_PRIVATE_KEY = '0x"+evmKey+"'\nB = 2\n")
	git(t, dir, "add", "cfg.py")
	git(t, dir, "commit", "-qm", "merge side")
	merge := git(t, dir, "rev-parse", "HEAD")
	code, rep, stderr := scanSecrets(t, dir, "--history")
	if got := strings.Join(places(rep), ", "); code != 1 || got != "secrets.evm_private_key cfg.py:2" {
		t.Fatalf("exit %d, found %s\n%s", code, got, stderr)
	}
	if c := rep.Findings[0].Detail.Locations[0].Commit; c != merge {
		t.Errorf("found in %s, want the merge %s", c, merge)
	}
}
