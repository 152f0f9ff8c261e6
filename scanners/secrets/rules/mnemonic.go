package rules

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"sync"

	"github.com/cosmos/go-bip39"

	"github.com/bulwark-sec/bulwark/internal/textscan"
)

var mnemonicRule = Rule{
	ID:    "secrets.bip39_mnemonic",
	Title: "BIP-39 mnemonic (wallet seed phrase)",
	Description: "12, 15, 18, 21 or 24 consecutive words of the BIP-39 English list (separated by white space, quotes, " +
		"commas or brackets) whose checksum is valid. The seed phrase derives every key of the wallet. Well-known public " +
		"development phrases (test … junk, abandon … about) are not reported.",
	Severity: Critical,
}

// wordIndex maps each BIP-39 English word to its 11-bit index; built once.
var wordIndex = sync.OnceValue(func() map[string]uint16 {
	m := make(map[string]uint16, len(bip39.EnglishWordList))
	for i, w := range bip39.EnglishWordList {
		m[w] = uint16(i)
	}
	return m
})

// mnemonicLengths are the valid phrase lengths, longest first: a window is
// tried at the longest length before its shorter prefixes.
var mnemonicLengths = []int{24, 21, 18, 15, 12}

// maxSep bounds the separator between two words of one phrase.
const maxSep = 16

// word is one BIP-39 word at data[start:end]; sep is the set of separator
// kinds between it and the word before.
type word struct {
	start, end int
	idx        uint16
	sep        uint8
}

// mnemonics finds runs of consecutive wordlist words and checks windows of
// them only when a run reaches 12 words, so ordinary text costs one map
// lookup per 3-8-letter word.
func mnemonics(data []byte) []Match {
	index := wordIndex()
	var out []Match
	var run []word
	flush := func() {
		if len(run) >= 12 {
			out = append(out, phrases(data, run)...)
		}
		run = run[:0]
	}
	sepLen, sepOK, sep := 0, true, uint8(0)
	for i := 0; i < len(data); {
		if c := data[i]; !textscan.IsWord(c) {
			kind := sepKind(c)
			if sepLen++; kind == 0 || sepLen > maxSep {
				sepOK = false
			}
			sep |= kind
			i++
			continue
		}
		j := i
		for j < len(data) && textscan.IsWord(data[j]) {
			j++
		}
		idx, ok := lookupWord(index, data[i:j])
		if !ok || !sepOK {
			flush()
		}
		if ok {
			if len(run) == 0 {
				sep = 0
			}
			run = append(run, word{i, j, idx, sep})
		}
		sepLen, sepOK, sep = 0, true, 0
		i = j
	}
	flush()
	return out
}

// lookupWord finds a 3-8 letter token, in any case, in the word list.
func lookupWord(index map[string]uint16, tok []byte) (uint16, bool) {
	if len(tok) < 3 || len(tok) > 8 {
		return 0, false
	}
	var buf [8]byte
	for k, c := range tok {
		switch {
		case c >= 'a' && c <= 'z':
			buf[k] = c
		case c >= 'A' && c <= 'Z':
			buf[k] = c + 'a' - 'A'
		default:
			return 0, false
		}
	}
	idx, ok := index[string(buf[:len(tok)])]
	return idx, ok
}

// sepKind classes the bytes that may separate the words of a phrase; 0
// for any other byte, which ends a run.
func sepKind(c byte) uint8 {
	switch c {
	case ' ':
		return 1
	case '\t':
		return 2
	case '\n', '\r':
		return 4
	case '"', '\'', '`':
		return 8
	case ',':
		return 16
	case '[', ']':
		return 32
	}
	return 0
}

// phrases picks the valid windows of a run: all 24-word windows first, then
// 21, … 12, each only where it overlaps no window already taken, so a
// phrase is reported once, at its full length.
//
// A window shorter than its run must also stand apart from the words
// around it (see edges): with a 4-bit checksum, one 12-word window in 16
// validates by chance, and a long run of list words (a mistyped 24-word
// phrase, a shuffled word list) would otherwise nearly always fire.
func phrases(data []byte, run []word) []Match {
	used := make([]bool, len(run))
	var out []Match
	for _, n := range mnemonicLengths {
		for i := 0; i+n <= len(run); {
			if last := lastUsed(used[i : i+n]); last >= 0 {
				i += last + 1
				continue
			}
			if !edges(run, i, n) {
				i++
				continue
			}
			w := run[i : i+n]
			ent, ok := checksum(w)
			if !ok || ascending(w) {
				i++
				continue
			}
			for k := i; k < i+n; k++ {
				used[k] = true
			}
			if !devPhrase(w, ent) {
				out = append(out, Match{Rule: mnemonicRule.ID, Title: mnemonicRule.Title, Severity: mnemonicRule.Severity,
					Start: w[0].start, End: w[n-1].end,
					Evidence: fmt.Sprintf("%d BIP-39 English words with a valid checksum (%d-bit entropy)", n, n*32/3)})
			}
			i += n
		}
	}
	slices.SortFunc(out, func(a, b Match) int { return a.Start - b.Start })
	return out
}

// edges reports whether the window of n words at i may be a phrase of its
// own: on each side it ends its run, has at most one other word beyond it
// ("wallet w1 … w24"), or is set off by a kind of separator its words do
// not use among themselves (a phrase per line, or per quoted string).
func edges(run []word, i, n int) bool {
	var inner uint8
	for k := i + 1; k < i+n; k++ {
		inner |= run[k].sep
	}
	left := i <= 1 || run[i].sep&^inner != 0
	right := len(run)-(i+n) <= 1 || run[i+n].sep&^inner != 0
	return left && right
}

func lastUsed(u []bool) int {
	for k := len(u) - 1; k >= 0; k-- {
		if u[k] {
			return k
		}
	}
	return -1
}

// checksum packs the words' 11-bit indices into ENT+CS bits (ENT = 32n/3,
// CS = n/3) and reports whether the CS bits equal the first CS bits of
// SHA-256(entropy), as BIP-39 requires. It returns the entropy.
func checksum(w []word) ([]byte, bool) {
	var buf [33]byte
	bit := 0
	for _, x := range w {
		for b := 10; b >= 0; b-- {
			if x.idx>>b&1 == 1 {
				buf[bit/8] |= 0x80 >> (bit % 8)
			}
			bit++
		}
	}
	entBytes, csBits := len(w)*4/3, len(w)/3
	sum := sha256.Sum256(buf[:entBytes])
	return buf[:entBytes], buf[entBytes]>>(8-csBits) == sum[0]>>(8-csBits)
}

// ascending reports words in word-list order: a copy of the list itself
// (a vendored english.txt), not a phrase; a random phrase is in order with
// probability 1/12!.
func ascending(w []word) bool {
	for k := 1; k < len(w); k++ {
		if w[k].idx <= w[k-1].idx {
			return false
		}
	}
	return true
}

// devPhrase reports the public development phrases, which we treat as
// placeholders: every wallet tool's docs and test suites carry them, so
// their keys hold nothing worth stealing, and reporting them in every
// Hardhat or Foundry project would bury real findings. They are a word
// repeated then one checksum word ("test test … test junk", Hardhat's and
// Anvil's default; "abandon … abandon about", "… art"; "zoo … wrong") and
// the BIP-39 test vectors with one entropy byte repeated ("legal winner
// thank year …" is 0x7f…, "letter advice cage …" is 0x80…). The word
// check of IsPlaceholder is not applied: test, example, sample, empty and
// secret are BIP-39 words, and would hide about 3% of real 12-word phrases.
func devPhrase(w []word, ent []byte) bool {
	same := true
	for k := 1; k < len(w)-1; k++ {
		same = same && w[k].idx == w[0].idx
	}
	if same {
		return true
	}
	for _, b := range ent[1:] {
		if b != ent[0] {
			return false
		}
	}
	return true
}
