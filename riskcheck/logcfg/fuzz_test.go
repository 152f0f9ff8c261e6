package logcfg

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzCheck feeds Check arbitrary bytes under each kind of name: no panic,
// no findings for a file that is not a logging configuration, and every
// finding complete.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	cases, _ := filepath.Glob("testdata/cases/*")
	for _, p := range append(files, cases...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(uint8(0), b)
		}
	}
	f.Add(uint8(3), []byte("/var/log/a.log {\n size 1\n}\n"))
	names := []string{"logging.yaml", "logging.json", "logging.ini", "logrotate.d/bot", "log.conf"}
	f.Fuzz(func(t *testing.T, name uint8, data []byte) {
		fs, isLogging := Check(names[int(name)%len(names)], data)
		if !isLogging && len(fs) > 0 {
			t.Fatal("findings for a file that is not a logging configuration")
		}
		for _, f := range fs {
			if f.RuleID == "" || f.Detail["fix"] == "" || f.Detail["deployed"] == "" || f.Identity == "" {
				t.Fatalf("incomplete finding %+v", f)
			}
		}
	})
}
