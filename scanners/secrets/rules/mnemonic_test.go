package rules

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/testutil"

	"github.com/cosmos/go-bip39"
)

func mnemonicMatches(t *testing.T, data string) []Match {
	t.Helper()
	var out []Match
	for _, m := range scan(t, "notes.txt", data) {
		if m.Rule == mnemonicRule.ID {
			out = append(out, m)
		}
	}
	return out
}

// withBadChecksum flips the lowest bit of the last word's index: that bit
// is a checksum bit at every length, so the phrase becomes invalid.
func withBadChecksum(phrase string) string {
	w := strings.Fields(phrase)
	w[len(w)-1] = bip39.EnglishWordList[wordIndex()[w[len(w)-1]]^1]
	return strings.Join(w, " ")
}

func TestMnemonicLengths(t *testing.T) {
	r := newRand(20)
	for _, n := range mnemonicLengths {
		for i := 0; i < 20; i++ {
			phrase := genMnemonic(t, r, n)
			ms := mnemonicMatches(t, "backup = \""+phrase+"\"\n")
			if len(ms) != 1 || string(ms[0].Secret) != phrase || !strings.Contains(ms[0].Evidence, strconv.Itoa(n)+" BIP-39") {
				t.Fatalf("%d words:%s", n, show(ms))
			}
			if ms := mnemonicMatches(t, withBadChecksum(phrase)); len(ms) != 0 {
				t.Fatalf("%d words with a bad checksum:%s", n, show(ms))
			}
		}
	}
}

// TestMnemonicAgainstReference: on random runs of word-list words, the
// detector fires exactly when a reference checksum on big integers says
// the phrase is valid (about 1 in 16 for 12 words).
func TestMnemonicAgainstReference(t *testing.T) {
	r := newRand(21)
	valid := 0
	for i := 0; i < 2000; i++ {
		words := make([]string, 12)
		for k := range words {
			words[k] = bip39.EnglishWordList[r.IntN(2048)]
		}
		want := refValid(words) && !ascendingWords(words)
		if want {
			valid++
		}
		got := len(mnemonicMatches(t, strings.Join(words, " "))) == 1
		if got != want {
			t.Fatalf("draw %d: detector %v, reference %v", i, got, want)
		}
	}
	if valid < 60 || valid > 200 {
		t.Errorf("%d of 2000 random phrases valid; expected about 125", valid)
	}
}

func ascendingWords(w []string) bool {
	for k := 1; k < len(w); k++ {
		if wordIndex()[w[k]] <= wordIndex()[w[k-1]] {
			return false
		}
	}
	return true
}

func TestMnemonicSeparators(t *testing.T) {
	r := newRand(22)
	phrase := genMnemonic(t, r, 12)
	w := strings.Fields(phrase)
	for _, tc := range []struct {
		name, in string
		want     int
	}{
		{"one per line", strings.Join(w, "\n"), 1},
		{"json array", `{"mnemonic": ["` + strings.Join(w, `", "`) + `"]}`, 1},
		{"commas", strings.Join(w, ","), 1},
		{"crlf and tabs", strings.Join(w, "\t\r\n"), 1},
		{"upper case", strings.ToUpper(phrase), 1},
		{"capitalised", strings.ToUpper(phrase[:1]) + phrase[1:], 1},
		{"quoted in code", "const m = '" + phrase + "';", 1},
		{"numbered", func() string {
			var b strings.Builder
			for i, x := range w {
				b.WriteString(strconv.Itoa(i+1) + ". " + x + "\n")
			}
			return b.String()
		}(), 0},
		{"glued to digits", strings.Join(w, " ") + "1", 0},
		{"hyphenated", strings.Join(w, "-"), 0},
		{"underscored", strings.Join(w, "_"), 0},
		{"eleven words", strings.Join(w[:11], " "), 0},
		{"separator too long", strings.Join(w[:6], " ") + strings.Repeat(" ", 40) + strings.Join(w[6:], " "), 0},
		{"a word broken by a non-word", strings.Join(w[:6], " ") + " the " + strings.Join(w[6:], " "), 0},
	} {
		if ms := mnemonicMatches(t, tc.in); len(ms) != tc.want {
			t.Errorf("%s: %d matches, want %d:%s", tc.name, len(ms), tc.want, show(ms))
		}
	}
}

// TestMnemonicLongestFirst: a phrase inside a longer run of list words is
// reported once, whole, even where a shorter window inside it validates;
// phrases one per line or one per string are separate matches.
func TestMnemonicLongestFirst(t *testing.T) {
	r := newRand(23)
	for i := 0; i < 50; i++ {
		p24 := genMnemonic(t, r, 24)
		pre := bip39.EnglishWordList[r.IntN(2048)]
		if w := append([]string{pre}, strings.Fields(p24)...); refValid(w[:24]) {
			continue // the window shifted by one validates too (1 in 256): either is right
		}
		ms := mnemonicMatches(t, pre+" "+p24)
		if len(ms) != 1 || string(ms[0].Secret) != p24 {
			t.Fatalf("draw %d: the 24-word phrase is not reported whole:%s", i, show(ms))
		}
	}
	a, b, c := genMnemonic(t, r, 12), genMnemonic(t, r, 18), genMnemonic(t, r, 15)
	ms := mnemonicMatches(t, a+"\n"+b+"\n"+c)
	if len(ms) != 3 || string(ms[0].Secret) != a || string(ms[1].Secret) != b || ms[1].Line != 2 || ms[2].Line != 3 {
		t.Fatalf("phrases per line:%s", show(ms))
	}
	ms = mnemonicMatches(t, `["`+a+`", "`+c+`"]`)
	if len(ms) != 2 || string(ms[0].Secret) != a || string(ms[1].Secret) != c {
		t.Fatalf("phrases per string:%s", show(ms))
	}
	// Two words of context on one side is too many: a 24-word run of
	// which 21 validate is not taken as a 21-word phrase.
	p21 := genMnemonic(t, r, 21)
	if ms := mnemonicMatches(t, "able able "+p21+" able"); len(ms) != 0 && string(ms[0].Secret) == p21 {
		t.Fatalf("a window with two words before it:%s", show(ms))
	}
}

func TestMnemonicPlaceholders(t *testing.T) {
	for _, phrase := range []string{
		"test test test test test test test test test test test junk",
		strings.Repeat("abandon ", 11) + "about",
		strings.Repeat("abandon ", 23) + "art",
		strings.Repeat("zoo ", 11) + "wrong",
		"legal winner thank year wave sausage worth useful legal winner thank yellow",
		"letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
		strings.Join(bip39.EnglishWordList[:48], " "), // the word list itself
		strings.Join(bip39.EnglishWordList, "\n"),
	} {
		if w := strings.Fields(phrase); len(w) <= 24 && !refValid(w) {
			t.Fatalf("fixture %.20s… is not a valid phrase", phrase)
		}
		if ms := mnemonicMatches(t, "mnemonic: "+phrase); len(ms) != 0 {
			t.Errorf("%.20s…:%s", phrase, show(ms))
		}
	}
}

// TestMnemonicFast: a megabyte of word-list words in random order, where
// every window needs a checksum, scans well within a second.
func TestMnemonicFast(t *testing.T) {
	r := newRand(24)
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString(bip39.EnglishWordList[r.IntN(2048)])
		b.WriteByte(' ')
	}
	start := time.Now()
	ms := Scan("words.txt", []byte(b.String()))
	if took := time.Since(start); took > 3*time.Second*testutil.Slowdown {
		t.Errorf("took %s", took)
	}
	checkInvariants(t, []byte(b.String()), ms)
}
