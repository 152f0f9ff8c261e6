package logcfg

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

var rules = testutil.Rules

func TestCheck(t *testing.T) {
	file := func(name string) string { return string(testutil.Fixture(t, name)) }
	tests := []struct {
		name, path, in string
		isLogging      bool
		want           string
	}{
		{"compliant dictConfig", "logging.yaml", file("compliant.yaml"), true, ""},
		{"compliant fileConfig", "logging.ini", file("compliant.ini"), true, ""},
		{"FileHandler without rotation", "logging.yaml", file("plain-file.yaml"), true, "logging.error_log logging.json_format logging.no_rotation"},
		{"weak fileConfig", "logging.ini", file("weak.ini"), true, "logging.error_log logging.json_format logging.rotation_backups logging.rotation_size"},
		{"json dictConfig", "logging.json", `{"version": 1, "handlers": {"f": {"class": "logging.handlers.TimedRotatingFileHandler", "filename": "x.log", "backupCount": 0}}}`, true,
			"logging.error_log logging.json_format logging.rotation_backups logging.rotation_size"},
		{"rotating without maxBytes", "logging.yaml", "version: 1\nhandlers:\n  f:\n    class: logging.handlers.RotatingFileHandler\n    filename: a.log\n    backupCount: 10\n    level: ERROR\n", true, "logging.json_format logging.rotation_size"},
		{"logrotate", "deploy/logrotate.d/bot", file("bot.logrotate"), true, "logging.rotation_backups logging.rotation_size"},
		{"logrotate default rotate 0", "logrotate.conf", "/var/log/a.log {\n  size 50M\n}\n", true, "logging.rotation_backups"},
		{"not logging: compose file", "docker-compose.logging.yml", "services:\n  bot:\n    image: bot\n", false, ""},
		{"not logging: binary", "log.json", "\x00\x01", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, isLogging, err := Check(tc.path, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if isLogging != tc.isLogging || rules(fs) != tc.want {
				t.Errorf("logging=%v rules %q, want %v %q", isLogging, rules(fs), tc.isLogging, tc.want)
			}
			for _, f := range fs {
				if f.StartLine == 0 || f.Detail["fix"] == "" {
					t.Errorf("%s has no line or fix: %+v", f.RuleID, f)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ path, in string }{
		{"logging.yaml", "version: 1\nhandlers:\n  f: [\n"},
		{"logging.ini", "[handlers]\nkeys=a\n[handler_a\n"},
		{"logrotate.d/x", "/var/log/a {\n  rotate 3\n"},
	} {
		_, isLogging, err := Check(tc.path, []byte(tc.in))
		if !isLogging || err == nil {
			t.Errorf("%s: logging=%v err=%v", tc.path, isLogging, err)
		}
	}
}

func TestGolden(t *testing.T) {
	fs, _, _ := Check("deploy/logging.yaml", testutil.Fixture(t, "plain-file.yaml"))
	testutil.GoldenJSON(t, "plain-file.golden.json", fs)
}

func FuzzCheck(f *testing.F) {
	for _, name := range []string{"compliant.yaml", "compliant.ini", "weak.ini", "bot.logrotate"} {
		b, _ := os.ReadFile(filepath.Join("testdata", name))
		f.Add(name, b)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		fs, isLogging, _ := Check(name, data)
		if !isLogging && len(fs) > 0 {
			t.Fatal("findings for a file that is not a logging configuration")
		}
	})
}
