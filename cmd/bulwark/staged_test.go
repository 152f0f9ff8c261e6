package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// In staged mode riskcheck reads the index: a staged max_leverage of 5 fails
// while the working copy says 2, and a staged 2 passes while the working copy
// says 5.
func TestStagedRiskConfigIsWhatIsCommitted(t *testing.T) {
	for _, tc := range []struct {
		staged, working string
		code            int
	}{{"5", "2", 1}, {"2", "5", 1}} { // 1 either way: the fixture sets no other limit
		dir := t.TempDir()
		git(t, dir, "init", "-q", "-b", "main")
		git(t, dir, "config", "user.email", "dev@example.org")
		git(t, dir, "config", "user.name", "dev")
		write(t, dir, "README.md", "bot\n")
		git(t, dir, "add", ".")
		git(t, dir, "commit", "-qm", "init")
		write(t, dir, "config/risk.yaml", "max_leverage: "+tc.staged+"\nmax_daily_loss: 50000\n")
		git(t, dir, "add", "config/risk.yaml")
		write(t, dir, "config/risk.yaml", "max_leverage: "+tc.working+"\nmax_daily_loss: 50000\n")
		code, stdout, stderr := runBin(t, dir, "scan", "--staged", "--only", "riskcheck", "--format", "json", "-q")
		if code != tc.code {
			t.Fatalf("staged %s, working %s: exit %d, want %d\n%s\n%s", tc.staged, tc.working, code, tc.code, stdout, stderr)
		}
		var rep struct {
			Findings []struct {
				RuleID string `json:"rule_id"`
				Path   string `json:"path"`
				Line   int    `json:"start_line"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		var lev []string
		for _, f := range rep.Findings {
			if f.RuleID == "risk.max_leverage" {
				lev = append(lev, f.Path)
			}
		}
		if (tc.staged == "5") != (strings.Join(lev, ",") == "config/risk.yaml") {
			t.Errorf("staged %s: leverage findings %v", tc.staged, lev)
		}
	}
}
