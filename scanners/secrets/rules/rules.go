// Package rules holds Bulwark's own secret detectors for crypto-trading
// deployments, run by the secrets scanner beside trufflehog's: EVM private
// keys, BIP-39 mnemonics, exchange API key/secret pairs, Telegram bot tokens
// and plaintext keys in env files.
//
// Every detector reads the data in one linear pass (Go's regexp is not used
// at all); none panics on binary or malformed input. A raw secret leaves the
// package only in Match.Secret: evidence strings never quote it, and callers
// show wire.Redact(secret).
package rules

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Severities, most severe first.
const (
	Critical = finding.Critical
	High     = finding.High
	Medium   = finding.Medium
)

// Match is one secret found in a chunk of data. Secret is the raw value and must
// never be printed, logged, put in an error or in test output (use Redact).
type Match struct {
	Rule     string // stable ID, e.g. "secrets.evm_private_key"
	Title    string // human title, e.g. "Ethereum/EVM private key"
	Start    int    // byte offset of the secret value in data
	End      int    // byte offset just past it
	Line     int    // 1-based line of Start
	Secret   []byte // the raw value (for a key/secret pair: the secret part)
	Evidence string // why it fired, without any secret content
	Severity finding.Severity
}

// Rule describes one detector for docs/SARIF rule tables.
type Rule struct {
	ID, Title, Description string
	Severity               finding.Severity
}

// Rules returns every detector, sorted by ID.
func Rules() []Rule {
	out := append([]Rule{evmRule, mnemonicRule, telegramRule, envRule}, credFileRules...)
	for _, x := range exchanges {
		out = append(out, x.rule())
	}
	slices.SortFunc(out, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Scan runs every detector over data. path is the repo-relative slash path
// of the file, used for env-file and lockfile context. Results are sorted by
// Start and never overlap: where two detectors claim the same bytes, the
// more specific one wins: an exchange format, then an EVM key, then a weak
// exchange match (a lone value under a generic name, see exchangeKeys),
// then mnemonics, Telegram tokens, credential files (.git-credentials,
// .netrc, .pgpass), passwords in connection URIs, and last the generic
// env-file rule.
// The result is never nil; Scan is safe for concurrent use.
func Scan(path string, data []byte) []Match {
	strong, weak, paired := exchangeKeys(data, asciiLower(data))
	var kept []Match
	for _, found := range [][]Match{strong, evmKeys(path, data), weak, mnemonics(data), telegramTokens(data),
		credFiles(path, data), uriPasswords(path, data)} {
		kept = keep(kept, found)
	}
	if isEnvFile(path) {
		// The key half of a reported exchange pair is not reported again.
		var env []Match
		for _, m := range keep(keep(kept, paired), envKeys(data)) {
			if m.Rule == envRule.ID {
				env = append(env, m)
			}
		}
		kept = merge(kept, env)
	}
	finish(data, kept)
	return kept
}

// finish sets Line, copies Secret out of data and withholds any evidence
// that would quote the secret (a variable name can hold the value too).
func finish(data []byte, ms []Match) {
	line, pos := 1, 0
	for i := range ms {
		m := &ms[i]
		line += bytes.Count(data[pos:m.Start], []byte{'\n'})
		pos = m.Start
		m.Line = line
		m.Secret = bytes.Clone(data[m.Start:m.End])
		if len(m.Secret) >= 8 && strings.Contains(m.Evidence, string(m.Secret)) {
			m.Evidence = "evidence withheld: it would quote the value"
		}
	}
}

// keep adds to kept (sorted, non-overlapping) the matches of found (sorted,
// non-overlapping) that overlap none of kept, in linear time.
func keep(kept, found []Match) []Match {
	var add []Match
	j := 0
	for _, m := range found {
		for j < len(kept) && kept[j].End <= m.Start {
			j++
		}
		if j < len(kept) && kept[j].Start < m.End {
			continue
		}
		add = append(add, m)
	}
	return merge(kept, add)
}

// merge returns a and b, each sorted by Start, as one sorted slice.
func merge(a, b []Match) []Match {
	out := make([]Match, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].Start < a[0].Start {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}
