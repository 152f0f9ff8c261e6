package inline

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		line    string
		ok      bool
		rules   string
		reason  string
		invalid string
	}{
		{"x = 1  # bulwark:ignore risk.max_leverage -- desk limit", true, "risk.max_leverage", "desk limit", ""},
		{"// bulwark:ignore G204,G304 -- vetted", true, "G204,G304", "vetted", ""},
		{"<!-- bulwark:ignore secrets.* -- fixture -->", true, "secrets.*", "fixture", ""},
		{"/* bulwark:ignore risk.* -- test */", true, "risk.*", "test", ""},
		{"# bulwark:ignore risk.max_leverage", true, "risk.max_leverage", "", "gives no reason"},
		{"# bulwark:ignore * -- approved", true, "*", "approved", "every family"},
		{"# bulwark:ignore *.* -- approved", true, "*.*", "approved", "every family"},
		{"# bulwark:ignore *-* -- approved", true, "*-*", "approved", "every family"},
		{"# bulwark:ignore -- approved", true, "", "approved", "names no rule"},
		{`s = "bulwark:ignore risk.x -- not a comment"`, false, "", "", ""},
		{"key: abc  # trufflehog:ignore", true, "trufflehog.*,secrets.*", "trufflehog:ignore", ""},
		{"plain line", false, "", "", ""},
	}
	for _, tc := range tests {
		d, ok := Parse(tc.line, 3)
		if ok != tc.ok {
			t.Errorf("%q: ok %v", tc.line, ok)
			continue
		}
		if !ok {
			continue
		}
		if strings.Join(d.Rules, ",") != tc.rules || d.Reason != tc.reason || d.Line != 3 {
			t.Errorf("%q: %+v", tc.line, d)
		}
		if (tc.invalid == "") != (d.Invalid == "") || !strings.Contains(d.Invalid, tc.invalid) {
			t.Errorf("%q: invalid %q, want %q", tc.line, d.Invalid, tc.invalid)
		}
	}
}

func TestFind(t *testing.T) {
	lines := strings.Split("a\n# bulwark:ignore risk.* -- sandbox\nmax_leverage: 5\nb: 1 # bulwark:ignore * -- all\n", "\n")
	if d, ok := Find(lines, 3, "risk.max_leverage"); !ok || d.Line != 2 {
		t.Errorf("line above: %+v %v", d, ok)
	}
	if _, ok := Find(lines, 3, "secrets.evm_private_key"); ok {
		t.Error("another family suppressed")
	}
	if _, ok := Find(lines, 4, "risk.max_leverage"); ok {
		t.Error("a wildcard comment suppressed a finding")
	}
	if _, ok := Find(lines, 3, "secrets.env_plaintext_key", "riskcheck/risk.x", "risk.x"); !ok {
		t.Error("a merged finding's other rule is not honoured")
	}
	if got := Scan([]byte(strings.Join(lines, "\n"))); len(got) != 2 || got[0].Line != 2 || got[1].Line != 4 || got[1].Invalid == "" {
		t.Errorf("Scan = %+v", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("# bulwark:ignore risk.* -- x")
	f.Add("<!-- bulwark:ignore a,b -- c -->")
	f.Fuzz(func(t *testing.T, line string) {
		d, ok := Parse(line, 1)
		if ok && d.Invalid == "" && (len(d.Rules) == 0 || d.Reason == "") {
			t.Fatalf("valid directive without rules or reason: %+v", d)
		}
		if d.Suppresses("anything.at_all") && d.Invalid != "" {
			t.Fatal("an invalid directive suppresses")
		}
		_ = Scan([]byte(line))
	})
}
