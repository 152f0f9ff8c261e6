package rules

import (
	"bytes"
	"fmt"

	"github.com/bulwark-sec/bulwark/internal/textscan"
)

var telegramRule = Rule{
	ID:    "secrets.telegram_bot_token",
	Title: "Telegram bot token",
	Description: "A Telegram Bot API token: the bot's 8-10 digit ID, a colon and 35 characters of [A-Za-z0-9_-] " +
		"(usually starting AA), standing alone or after /bot in an API URL. It lets anyone read and send as the bot, " +
		"including the trade alerts and commands a trading bot takes through it.",
	Severity: High,
}

// tokenTail is the length of the part after the colon.
const tokenTail = 35

// telegramTokens finds <8-10 digits>:<35 token characters>, bounded on
// both sides by characters that cannot continue it. It visits each colon
// once and looks at most 45 bytes around it.
func telegramTokens(data []byte) []Match {
	var out []Match
	for off := 0; ; {
		c := bytes.IndexByte(data[off:], ':')
		if c < 0 {
			return out
		}
		c += off
		off = c + 1
		s := c
		for s > 0 && c-s <= 10 && isDigit(data[s-1]) {
			s--
		}
		e := c + 1 + tokenTail
		if n := c - s; n < 8 || n > 10 || e > len(data) || !telegramBefore(data, s) {
			continue
		}
		if !allTokenChars(data[c+1:e]) || e < len(data) && isTokenChar(data[e]) || placeholder(string(data[c+1:e])) {
			continue
		}
		why := "8-10 digit bot ID, a colon and 35 token characters"
		if name := textscan.AssignedName(data, s); name != "" {
			why = fmt.Sprintf("field %q holds an %s", name, why)
		}
		out = append(out, Match{Rule: telegramRule.ID, Title: telegramRule.Title, Severity: telegramRule.Severity,
			Start: s, End: e, Evidence: why + " (Telegram bot token format)"})
		off = e
	}
}

// telegramBefore reports whether a token may start at s: at a word
// boundary, or right after "bot" in https://api.telegram.org/bot<token>/.
func telegramBefore(data []byte, s int) bool {
	if s == 0 || !textscan.IsWord(data[s-1]) && data[s-1] != '-' {
		return true
	}
	return s >= 4 && bytes.EqualFold(data[s-3:s], []byte("bot")) && data[s-4] == '/'
}

func allTokenChars(b []byte) bool {
	for _, c := range b {
		if !isTokenChar(c) {
			return false
		}
	}
	return true
}

func isTokenChar(c byte) bool { return textscan.IsWord(c) || c == '-' }
