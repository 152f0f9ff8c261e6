package redact

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "abc": "a…", "abcdefgh": "abcd…", "\x1b[31mredacted": "?[31…", "\n\n\n\n\n\n\n\n": "????…",
	} {
		if got := Redact([]byte(in)); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// One EVM key with and without 0x, in either case, quoted or not, is one
// secret: one hash and one subject.
func TestOneKeyOneIdentity(t *testing.T) {
	const k = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	forms := []string{k, "0x" + k, "0X" + strings.ToUpper(k), `"0x` + k + `"`, " " + k + "\n"}
	for _, f := range forms[1:] {
		if Hash("d", []byte(f)) != Hash("d", []byte(forms[0])) || Subject([]byte(f)) != Subject([]byte(forms[0])) {
			t.Errorf("%q is a different secret from the bare key", Redact([]byte(f)))
		}
	}
	if Hash("a", []byte(k)) == Hash("b", []byte(k)) || Subject([]byte(k)) == Subject([]byte("other")) {
		t.Error("identities collide")
	}
	if !strings.HasPrefix(Subject([]byte(k)), "secret:") || strings.Contains(Subject([]byte(k)), k[:8]) {
		t.Error("a subject reveals the value")
	}
	// A short hex value keeps its case: it is not a key, and case may matter.
	if string(Normalize([]byte("0xAB"))) != "0xAB" {
		t.Errorf("Normalize(0xAB) = %q", Normalize([]byte("0xAB")))
	}
}

func TestIsPlaceholder(t *testing.T) {
	for _, v := range []string{"", "changeme", "${API_KEY}", "<secret>", "xxxxxxxx", "your-api-key-here"} {
		if !IsPlaceholder(v) {
			t.Errorf("IsPlaceholder(%q) = false", v)
		}
	}
	for _, v := range []string{"hunter2", "Kx7pQ2mVn8RtY4wZb6Lc3Hd9"} {
		if IsPlaceholder(v) {
			t.Errorf("IsPlaceholder(%q) = true", v)
		}
	}
}
