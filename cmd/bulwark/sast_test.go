package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

type sastReport struct {
	Verdict  string `json:"verdict"`
	Findings []struct {
		Scanner string         `json:"scanner"`
		RuleID  string         `json:"rule_id"`
		Path    string         `json:"path"`
		Line    int            `json:"start_line"`
		Detail  map[string]any `json:"detail"`
	} `json:"findings"`
	Suppressed []struct {
		RuleID string `json:"rule_id"`
		Kind   string `json:"kind"`
		Reason string `json:"reason"`
	} `json:"suppressed"`
	Scanners []struct {
		Name   string           `json:"name"`
		Status string           `json:"status"`
		Reason string           `json:"reason"`
		Read   map[string]int64 `json:"read"`
		Notes  []string         `json:"notes"`
	} `json:"scanners"`
}

func goCacheEnv(t testing.TB) string {
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	return "BULWARK_GOCACHE=" + strings.TrimSpace(string(out))
}

// TestSASTEndToEnd runs the binary on a repository with a Python service and
// a Go module: both languages' findings reach the report with their IDs, a
// bulwark:ignore and a # nosec both land in suppressed with their reasons,
// and a high finding fails the gate.
func TestSASTEndToEnd(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "api/auth.py", `import jwt
import subprocess

def check(token, key):
    return jwt.decode(token, key, options={"verify_signature": False})

def run(cmd):
    subprocess.call(cmd, shell=True)

def ping():
    subprocess.call("uptime", shell=True)  # nosec B602 -- constant command
    eval("1+1")  # bulwark:ignore python.eval -- constant expression in a doc example
`)
	write(t, dir, "svc/go.mod", "module example.com/svc\n\ngo 1.26\n")
	write(t, dir, "svc/main.go", "package main\n\nimport (\n\t\"os\"\n\t\"os/exec\"\n)\n\nfunc main() { _ = exec.Command(os.Args[1]).Run() }\n")
	cmd := exec.Command(bin, "scan", ".", "--only", "sast", "--format", "json", "-q")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=", "BULWARK_CACHE_DIR="+t.TempDir(), goCacheEnv(t))
	out, err := cmd.Output()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit %d (%v), want 1 (a high finding)\n%s", code, err, out)
	}
	var rep sastReport
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"python:B602:8": false, "python::5": false, "go:G204:8": false}
	for _, f := range rep.Findings {
		if f.Scanner != "sast" {
			continue
		}
		bandit, _ := f.Detail["bandit_id"].(string)
		key := fmt.Sprintf("%v:%s:%d", f.Detail["language"], bandit, f.Line)
		if f.Detail["language"] == "go" {
			key = fmt.Sprintf("go:%s:%d", f.RuleID, f.Line)
		}
		if _, ok := want[key]; ok {
			want[key] = true
		}
	}
	for k, seen := range want {
		if !seen {
			t.Errorf("missing %s in %+v", k, rep.Findings)
		}
	}
	var nosec, ignore bool
	for _, s := range rep.Suppressed {
		nosec = nosec || strings.Contains(s.Reason, "constant command")
		ignore = ignore || s.RuleID == "python.eval" && strings.Contains(s.Reason, "doc example")
	}
	if !nosec || !ignore {
		t.Errorf("suppressed = %+v, want the # nosec and the bulwark:ignore with their reasons", rep.Suppressed)
	}
	for _, s := range rep.Scanners {
		if s.Name == "sast" && (s.Status != "ok" || s.Read["python_files"] != 1 || s.Read["go_packages"] != 1) {
			t.Errorf("sast row = %+v", s)
		}
	}
}

// stagedRepo makes a repository with n staged Python files, each with a
// few findings, for the pre-commit benchmark.
func stagedRepo(tb testing.TB, n int) string {
	dir := tb.TempDir()
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"config", "user.email", "dev@example.org"}, {"config", "user.name", "dev"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			tb.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	body := `import subprocess, hashlib, logging
log = logging.getLogger(__name__)

class Strategy:
    def __init__(self, api_key, secret):
        self.api_key, self.secret = api_key, secret

    def sign(self, payload):
        return hashlib.sha256(self.secret.encode() + payload).hexdigest()

    def restart(self, service):
        subprocess.run(["systemctl", "restart", service], check=True)
        log.info("restarted %s", service)
` + strings.Repeat("\n    def step(self, prices):\n        return sum(prices) / max(len(prices), 1)\n", 20)
	for i := range n {
		p := filepath.Join(dir, "strategies", fmt.Sprintf("s%02d.py", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if out, err := exec.Command("git", "-C", dir, "add", "-A").CombinedOutput(); err != nil {
		tb.Fatalf("git add: %v %s", err, out)
	}
	return dir
}

// BenchmarkStagedPython10 is the pre-commit hook: `bulwark scan --staged`
// with every scanner (SAST among them) on 10 staged Python files. Target:
// under 0.5 s a run.
func BenchmarkStagedPython10(b *testing.B) {
	dir := stagedRepo(b, 10)
	cache := b.TempDir()
	for b.Loop() {
		cmd := exec.Command(bin, "scan", "--staged", "-q", "--format", "json")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=", "BULWARK_CACHE_DIR="+cache)
		out, err := cmd.Output()
		if code := cmd.ProcessState.ExitCode(); code > 1 {
			b.Fatalf("exit %d: %v\n%s", code, err, out)
		}
	}
}
