package logcfg

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// verdicts lists rule:severity, sorted, so a case states all it expects.
func verdicts(fs []finding.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+":"+f.Severity.String())
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

const (
	noRotation = "logging.no_rotation:medium"
	sizeMed    = "logging.rotation_size:medium"
	backupsLow = "logging.rotation_backups:low"
	backupsMed = "logging.rotation_backups:medium"
	notJSON    = "logging.json_format:low"
	errorLog   = "logging.error_log:low"
	parseError = "logging.parse_error:medium"
)

// TestCheck runs every fixture: the compliant ones have no finding, and
// each rule has passing and failing cases (testdata/cases).
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		file, path string // path: where the caller found it, when that matters
		want       string // "-" when the file is not a logging configuration
	}{
		{"compliant.yaml", "", ""},
		{"compliant.json", "", ""},
		{"compliant.ini", "", ""},
		{"compliant.logrotate", "deploy/logrotate.d/momentum-bot", ""},
		{"plain-file.yaml", "", strings.Join([]string{errorLog, notJSON, noRotation}, " ")},
		{"weak.ini", "", strings.Join([]string{errorLog, notJSON, backupsLow, sizeMed}, " ")},
		{"weak.json", "", strings.Join([]string{errorLog, notJSON, backupsMed, sizeMed}, " ")},
		{"bot.logrotate", "deploy/logrotate.d/bot", backupsLow + " " + sizeMed},
		{"cases/no-rotation-filehandler.yaml", "", noRotation},
		{"cases/no-rotation-watched.yaml", "", noRotation},
		{"cases/size-missing.yaml", "", sizeMed},
		{"cases/size-zero.yaml", "", sizeMed},
		{"cases/size-over.yaml", "", sizeMed},
		{"cases/size-unreadable.yaml", "", sizeMed},
		{"cases/size-timed.yaml", "", sizeMed},
		{"cases/backups-low.yaml", "", backupsLow},
		{"cases/backups-zero.yaml", "", backupsMed},
		{"cases/backups-missing.yaml", "", backupsMed},
		{"cases/json-missing.yaml", "", notJSON + " " + notJSON},
		{"cases/json-default.yaml", "", notJSON},
		{"cases/json-template.yaml", "", ""},
		{"cases/error-log-missing.yaml", "", errorLog},
		{"cases/error-log-shared.yaml", "", errorLog},
		{"cases/error-log-level-number.yaml", "", ""},
		{"cases/merge-keys.yaml", "", backupsLow},
		{"cases/nested-logging.yaml", "", errorLog + " " + notJSON},
		{"cases/not-logging.yaml", "docker-compose.logging.yml", "-"},
		{"cases/broken.yaml", "", parseError},
		{"cases/bad-version.yaml", "", parseError},
		{"cases/handler-not-mapping.yaml", "", parseError},
		{"cases/broken.json", "", parseError},
		{"cases/products.ini", "", ""},
		{"cases/timed.ini", "", backupsLow + " " + sizeMed},
		{"cases/missing-section.ini", "", parseError},
		{"cases/duplicate-key.ini", "", parseError},
		{"cases/unknown-formatter.ini", "", parseError},
		{"cases/size-overridden.logrotate", "logrotate.d/bot", sizeMed},
		{"cases/size-big.logrotate", "logrotate.d/bot", backupsMed + " " + sizeMed},
		{"cases/rotate-missing.logrotate", "logrotate.d/bot", backupsMed},
		{"cases/rotate-keep-all.logrotate", "logrotate.d/bot", ""},
		{"cases/global-defaults.logrotate", "etc/logrotate.conf", ""},
		{"cases/unreadable.logrotate", "logrotate.d/bot", backupsMed + " " + sizeMed},
		{"cases/unclosed.logrotate", "logrotate.d/bot", parseError},
		{"cases/stray-brace.logrotate", "logrotate.d/bot", parseError},
	} {
		path := tc.path
		if path == "" {
			path = "deploy/" + strings.TrimPrefix(tc.file, "cases/")
		}
		fs, isLogging := Check(path, testutil.Fixture(t, tc.file))
		got := verdicts(fs)
		if !isLogging {
			got = "-"
		}
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.file, got, tc.want)
		}
		checkShape(t, tc.file, fs)
	}
}

// checkShape holds every finding to the contract: a line, deployed/limit/fix
// in Detail and a message that states them.
func checkShape(t *testing.T, name string, fs []finding.Finding) {
	t.Helper()
	for _, f := range fs {
		if f.Scanner != "riskcheck" || f.Path == "" || f.Identity == "" || f.HelpURI == "" || f.Title == "" {
			t.Errorf("%s: %s incomplete: %+v", name, f.RuleID, f)
		}
		if f.StartLine == 0 && !strings.Contains(f.Message, "too large") {
			t.Errorf("%s: %s has no line", name, f.RuleID)
		}
		for _, k := range []string{"deployed", "limit", "fix"} {
			if s, _ := f.Detail[k].(string); s == "" {
				t.Errorf("%s: %s detail %q is empty", name, f.RuleID, k)
			}
		}
		if fix := f.Detail["fix"].(string); !strings.Contains(f.Message, "; required is ") || !strings.HasSuffix(f.Message, "fix: "+fix) {
			t.Errorf("%s: %s message lacks the requirement or fix: %s", name, f.RuleID, f.Message)
		}
	}
}

func TestLines(t *testing.T) {
	for _, tc := range []struct {
		file, path, rule string
		line             int
	}{
		{"plain-file.yaml", "deploy/logging.yaml", "logging.no_rotation", 10},       // the handler's key
		{"plain-file.yaml", "deploy/logging.yaml", "logging.error_log", 6},          // handlers:
		{"weak.json", "deploy/logging.json", "logging.rotation_size", 5},            // "daily": {
		{"weak.ini", "deploy/logging.ini", "logging.rotation_size", 8},              // [handler_file]
		{"bot.logrotate", "logrotate.d/bot", "logging.rotation_backups", 16},        // rotate 4
		{"cases/broken.yaml", "deploy/logging.yaml", "logging.parse_error", 5},      // the unclosed [
		{"cases/broken.json", "deploy/logging.json", "logging.parse_error", 4},      // the trailing comma
		{"cases/duplicate-key.ini", "deploy/logging.ini", "logging.parse_error", 7}, // the second class=
		{"cases/unclosed.logrotate", "logrotate.d/bot", "logging.parse_error", 3},   // postrotate
		{"cases/size-overridden.logrotate", "logrotate.d/bot", "logging.rotation_size", 2},
	} {
		fs, _ := Check(tc.path, testutil.Fixture(t, tc.file))
		found := false
		for _, f := range fs {
			if f.RuleID == tc.rule {
				found = true
				if f.StartLine != tc.line {
					t.Errorf("%s: %s at line %d, want %d (%s)", tc.file, tc.rule, f.StartLine, tc.line, f.Message)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s", tc.file, tc.rule)
		}
	}
}

// TestIdentityStable: moving a handler down must not change fingerprints.
func TestIdentityStable(t *testing.T) {
	data := testutil.Fixture(t, "plain-file.yaml")
	prints := func(b []byte) string {
		fs, _ := Check("deploy/logging.yaml", b)
		var out []string
		for _, f := range fs {
			f.Seal()
			out = append(out, f.Fingerprint)
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	moved := append([]byte("# comment\n\n"), data...)
	if a, b := prints(data), prints(moved); a != b || a == "" {
		t.Errorf("fingerprints changed with line numbers:\n%s\n%s", a, b)
	}
}

// TestHostile: oversized, binary, deeply nested and alias-heavy inputs end
// quickly, as "not a logging configuration" or a parse error.
func TestHostile(t *testing.T) {
	big := append([]byte("version: 1\nhandlers:\n"), bytes.Repeat([]byte("  # padding\n"), 50<<20/12)...)
	// an alias bomb: every lookup of a missing key fans out 8^4 times
	var bomb strings.Builder
	bomb.WriteString("version: 1\na0: &a0 {" + strings.Repeat("k: 1, ", 2000) + "z: 1}\n")
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&bomb, "a%d: &a%d {<<: [%s]}\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 8), ", "))
	}
	bomb.WriteString("handlers:\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&bomb, "  h%d: {<<: [%s]}\n", i, strings.TrimSuffix(strings.Repeat("*a3, ", 8), ", "))
	}
	var many strings.Builder
	many.WriteString("version: 1\nbase: &b {class: logging.FileHandler}\nhandlers:\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&many, "  h%d: {<<: *b, filename: a.log}\n", i)
	}
	for _, tc := range []struct {
		name, path string
		data       []byte
		want       string
	}{
		{"50 MB dictConfig", "logging.yaml", big, parseError},
		{"50 MB junk", "logging.yaml", bytes.Repeat([]byte{0xde, 0xad, 0, 0xbe, 0xef}, 50<<20/5), "-"},
		{"binary in logrotate.d", "logrotate.d/bot", []byte("\x7fELF\x00\x01"), parseError},
		{"deep JSON", "logging.json", []byte(`{"version":1,"handlers":` + strings.Repeat("[", 100000)), parseError},
		{"deep YAML", "logging.yaml", []byte("version: 1\nhandlers: " + strings.Repeat("[", 100000)), parseError},
		{"alias bomb", "logging.yaml", []byte(bomb.String()), parseError},
		{"many merges", "logging.yaml", []byte(many.String()), ""},
		{"braces", "logrotate.d/x", bytes.Repeat([]byte("{\n"), 100000), parseError},
	} {
		start := time.Now()
		fs, isLogging := Check(tc.path, tc.data)
		got := verdicts(fs)
		if !isLogging {
			got = "-"
		}
		t.Logf("%s: %v", tc.name, time.Since(start))
		if d := time.Since(start); d > 3*time.Second*testutil.Slowdown {
			t.Errorf("%s took %v", tc.name, d)
		}
		if tc.want != "" && got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ file, path, golden string }{
		{"plain-file.yaml", "deploy/logging.yaml", "plain-file.golden.json"},
		{"weak.ini", "deploy/logging.ini", "weak-ini.golden.json"},
		{"bot.logrotate", "deploy/logrotate.d/bot", "bot-logrotate.golden.json"},
	} {
		fs, _ := Check(tc.path, testutil.Fixture(t, tc.file))
		testutil.GoldenJSON(t, tc.golden, fs)
	}
}
