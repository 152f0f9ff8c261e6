package rules

import (
	"strings"

	"github.com/bulwark-sec/bulwark/internal/redact"
)

// placeholder reports a value the detectors do not take for a secret: one
// the shared check (redact.IsPlaceholder) calls a stand-in, or one under 8
// characters, too short to be a key for these detectors.
func placeholder(v string) bool {
	return len(strings.TrimSpace(v)) < 8 || redact.IsPlaceholder(v)
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
