package systemd

import (
	"errors"
	"strings"
	"testing"
)

func TestParseSyntax(t *testing.T) {
	u, err := Parse(read(t, "continuation.service"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key, value string
		line       int
	}{
		// continued lines keep their indentation; the backslash becomes a space
		{"ExecStart", "/opt/bot/venv/bin/python -m bot      --config /opt/bot/config/risk.yaml      --live", 7},
		{"ExecStartPre", "/opt/bot/bin/check-config  NoNewPrivileges=yes", 13},
		{"Environment", `SHARE=\\fileserver\logs\\`, 16},
		{"ProtectSystem", "strict", 17},
		{"CapabilityBoundingSet", "CAP_NET_BIND_SERVICE      CAP_SYS_ADMIN", 28},
	} {
		s, ok := u.Get("Service", tc.key)
		if !ok || s.Value != tc.value || s.Line != tc.line {
			t.Errorf("%s = %q at line %d, want %q at line %d", tc.key, s.Value, s.Line, tc.value, tc.line)
		}
	}
	if _, ok := u.Get("Service", "NoNewPrivileges"); ok {
		t.Error("NoNewPrivileges was swallowed by the continuation, yet it is set")
	}
}

func TestParseRepeatedKeys(t *testing.T) {
	u, err := Parse(read(t, "repeated.service"))
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := u.Get("Service", "User"); s.Value != "jesse" || s.Line != 7 {
		t.Errorf("User: %+v, want the later jesse at line 7", s)
	}
	if n := len(u.All("Service", "RestrictAddressFamilies")); n != 2 {
		t.Errorf("RestrictAddressFamilies has %d assignments, want 2", n)
	}
	if listSetting(u.All("Service", "RestrictAddressFamilies"), "none") != listAllow {
		t.Error("two allow-lists should merge into an allow-list")
	}
	if listSetting(u.All("Service", "SystemCallFilter"), "") != listUnset {
		t.Error("an empty SystemCallFilter= should reset the list")
	}
}

func TestParseDetails(t *testing.T) {
	in := "\uFEFF[Service]\r\nUser = jesse\r\nuser=root\r\nExecStart=/a \\\n  b \\\n"
	u, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := u.Get("Service", "User"); s.Value != "jesse" {
		t.Errorf("keys are case-sensitive, spaces around = are not: User = %q", s.Value)
	}
	if s, _ := u.Get("Service", "ExecStart"); s.Value != "/a    b" || s.Line != 4 {
		t.Errorf("continuation into the end of the file: %+v", s)
	}
	if s, _ := u.Get("Service", "user"); s.Value != "root" {
		t.Errorf("unknown lower-case key not kept: %+v", s)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		line int
		msg  string
	}{
		{"User=root\n", 1, "before any [Section]"},
		{"[Service\nUser=a\n", 1, "invalid section header"},
		{"[Service]\nUser=a\njunk line\n", 3, "missing '='"},
		{"[Service]\n=x\n", 2, "invalid key"},
		{"[Service]\nA B=x\n", 2, "invalid key"},
		{"[Service]\nA=\x00\n", 2, "NUL"},
		{"[Service]\nA=\xff\n", 2, "UTF-8"},
		{"[]\n", 1, "invalid section header"},
		{"[Service]\nExec=a \\\n  b\nbad\n", 4, "missing '='"},
		{strings.Repeat("#", maxUnitSize+1), 0, "too large"},
	} {
		u, err := Parse([]byte(tc.in))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) {
			t.Errorf("%.30q: %v, want line %d %q", tc.in, err, tc.line, tc.msg)
		}
		if u == nil {
			t.Errorf("%.30q: nil unit", tc.in)
		}
	}
	// a bad line is skipped, the rest is read
	u, err := Parse([]byte("[Service]\njunk\nUser=jesse\n"))
	if s, _ := u.Get("Service", "User"); err == nil || s.Value != "jesse" {
		t.Errorf("lenient parse: %v %+v", err, s)
	}
}

func TestBoundingSet(t *testing.T) {
	set := func(lines ...string) capSet {
		var all []Setting
		for _, l := range lines {
			all = append(all, Setting{Value: l})
		}
		s, _ := boundingSet(all)
		return s
	}
	for _, tc := range []struct {
		lines []string
		cap   string
		has   bool
	}{
		{[]string{""}, "CAP_SYS_ADMIN", false},
		{[]string{"", "CAP_SYS_ADMIN"}, "CAP_SYS_ADMIN", true},
		{[]string{"cap_net_bind_service"}, "CAP_NET_BIND_SERVICE", true},
		{[]string{"~CAP_SYS_ADMIN"}, "CAP_SYS_PTRACE", true},
		{[]string{"~CAP_SYS_ADMIN"}, "CAP_SYS_ADMIN", false},
		{[]string{"~CAP_SYS_ADMIN", "CAP_SYS_ADMIN"}, "CAP_SYS_ADMIN", true},
		{[]string{"~CAP_SYS_ADMIN CAP_KILL", "~CAP_SYS_ADMIN"}, "CAP_KILL", true},
		{[]string{"~CAP_SYS_ADMIN CAP_KILL", "~CAP_SYS_ADMIN"}, "CAP_SYS_ADMIN", false},
		{[]string{"CAP_KILL", "~CAP_SYS_ADMIN CAP_KILL"}, "CAP_KILL", true},
		{[]string{"CAP_SYS_ADMIN", ""}, "CAP_SYS_ADMIN", false},
	} {
		if got := set(tc.lines...).has(tc.cap); got != tc.has {
			t.Errorf("%q has %s = %v, want %v", tc.lines, tc.cap, got, tc.has)
		}
	}
}
