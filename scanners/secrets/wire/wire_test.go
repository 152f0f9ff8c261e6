package wire

import "testing"

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"":                    "",
		"a":                   "a…",
		"abcdefg":             "a…",
		"abcdefgh":            "abcd…",
		"0x4c0883a691029":     "0x4c…",
		"ключ-секрет-длинный": "ключ…",
		"ключ":                "к…",
		"\xff\xfeabcdefgh":    "\uFFFD\uFFFDab…",
	} {
		if got := Redact([]byte(in)); got != want {
			t.Errorf("Redact(%d bytes) = %q, want %q", len(in), got, want)
		}
	}
}
