package rules

import (
	"strings"
	"testing"
)

func TestTelegramBotToken(t *testing.T) {
	r := newRand(40)
	id := func(n int) string { return gen(r, "123456789", 1) + gen(r, "0123456789", n-1) }
	tok := id(10) + ":AA" + gen(r, tokenChars, 33)
	tok8 := id(8) + ":AA" + gen(r, tokenChars, 33)
	dashed := id(9) + ":AAH-_" + gen(r, tokenChars, 30)
	for _, tc := range []struct{ name, in, secret, why string }{
		{"env", "TELEGRAM_BOT_TOKEN=" + tok + "\n", tok, "TELEGRAM_BOT_TOKEN"},
		{"yaml quoted", "telegram:\n  token: \"" + tok + "\"\n", tok, `"token"`},
		{"8 digits", "x " + tok8 + " y", tok8, "bot ID"},
		{"api url", "curl https://api.telegram.org/bot" + tok + "/sendMessage", tok, "bot ID"},
		{"dash and underscore", "t=" + dashed, dashed, `"t"`},
	} {
		ms := ruleMatches(scan(t, "bot.cfg", tc.in), telegramRule.ID)
		if len(ms) != 1 || string(ms[0].Secret) != tc.secret || !strings.Contains(ms[0].Evidence, tc.why) {
			t.Errorf("%s:%s", tc.name, show(ms))
		}
	}
	for _, tc := range []struct{ name, in string }{
		{"7 digits", "x " + id(7) + ":AA" + gen(r, tokenChars, 33)},
		{"11 digits", "x " + id(11) + ":AA" + gen(r, tokenChars, 33)},
		{"34 characters", "x " + id(9) + ":AA" + gen(r, tokenChars, 32) + " y"},
		{"36 characters", "x " + id(9) + ":AA" + gen(r, tokenChars, 34)},
		{"glued before", "x" + tok},
		{"glued after", tok + "-x"},
		{"other character", "x " + id(9) + ":AA" + gen(r, tokenChars, 20) + "+" + gen(r, tokenChars, 12)},
		{"placeholder", "TELEGRAM_BOT_TOKEN=" + id(9) + ":AA" + strings.Repeat("x", 33)},
		{"time", "at 12:30:45 " + strings.Repeat("a", 40)},
	} {
		if ms := ruleMatches(scan(t, "bot.cfg", tc.in), telegramRule.ID); len(ms) != 0 {
			t.Errorf("%s:%s", tc.name, show(ms))
		}
	}
}
