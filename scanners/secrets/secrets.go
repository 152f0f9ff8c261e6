// Package secrets finds secrets in the working tree, the staged changes or
// the git history: trufflehog's detectors, run in the bulwark-secrets helper
// process, plus Bulwark's own crypto-trading detectors (scanners/secrets/rules)
// run in-process. A raw secret never leaves this package: findings carry a
// four-character preview and a hash of detector and value.
package secrets

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/inline"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/gitsrc"
	"github.com/bulwark-sec/bulwark/scanners/secrets/rules"
	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"
)

// ruleNotFullyRead is the finding about content that could not be read whole.
const ruleNotFullyRead = "secrets.not_fully_read"

// DefaultMaxFileSize bounds what is read of one file or one commit's change.
const DefaultMaxFileSize = 10 << 20

// MaxFileSizeCap bounds secrets.max_file_size: a repository can raise it,
// but not so far that one file costs gigabytes.
const MaxFileSizeCap = 64 << 20

// Options are the secrets scanner's settings: the secrets section of
// bulwark.yml, and the run's flags.
type Options struct {
	FailOn      string `yaml:"fail_on" doc:"any: every secret fails the default gate; verified: a secret trufflehog can verify counts only when verification says it is live (needs verification on)" enum:"any,verified"`
	Verify      bool   `yaml:"verify" doc:"let trufflehog's detectors check each secret with its provider (opens network connections); refused in a bulwark.yml inside the scanned tree: use --verify"`
	MaxFileSize int64  `yaml:"max_file_size" doc:"largest file, or one commit's change to one file, read whole, in bytes (at most 64 MiB)" min:"1" max:"67108864"`

	// Helper is the bulwark-secrets executable ("" finds it); Detect replaces
	// the helper (tests).
	Helper string   `yaml:"-"`
	Detect Detector `yaml:"-"`
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options { return Options{FailOn: "any", MaxFileSize: DefaultMaxFileSize} }

// Validate checks the options decoded from sec. Verification is a network
// switch: a pull request must not be able to choose which hosts the CI
// runner sends credentials to, so a bulwark.yml inside the tree cannot set it.
func (o *Options) Validate(sec config.Section) config.Errors {
	var errs config.Errors
	switch o.FailOn {
	case "any", "verified":
	default:
		errs = append(errs, sec.Error(fmt.Sprintf("%q is not one of any, verified", o.FailOn), "fail_on"))
	}
	if o.MaxFileSize <= 0 || o.MaxFileSize > MaxFileSizeCap {
		errs = append(errs, sec.Error(fmt.Sprintf("must be a positive number of bytes, at most %d", MaxFileSizeCap), "max_file_size"))
	}
	if o.Verify && sec.InTree {
		errs = append(errs, sec.Error("verification opens network connections and cannot be turned on by a file in the scanned tree (a pull request could edit it); pass --verify, or use a --config file outside the tree", "verify"))
	}
	return errs
}

// Scanner is the secrets scanner.
type Scanner struct{ opt Options }

// New builds the scanner from validated options.
func New(opt Options) Scanner {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if opt.FailOn == "" {
		opt.FailOn = "any"
	}
	return Scanner{opt: opt}
}

// Detector runs trufflehog's detectors over chunks. It is started before the
// chunks are read, so that its start-up overlaps with reading them.
type Detector interface {
	Start(ctx context.Context, h wire.Header) (Session, error)
}

// Session receives chunks and then returns what was found.
type Session interface {
	Send(c wire.Chunk) error
	Close() (*wire.Response, error)
}

// Name implements scanners.Scanner.
func (Scanner) Name() string { return "secrets" }

// Description implements scanners.Scanner.
func (Scanner) Description() string {
	return "secrets in the tree, staged changes or git history: trufflehog's detectors plus crypto keys, mnemonics and exchange API keys"
}

// located is one place a secret was found.
type located struct {
	chunk *Chunk
	line  int // line in the file
}

// secret is one distinct secret (detector + value) and all its places.
type secret struct {
	rule, title, detector, hash, preview string
	severity                             finding.Severity
	evidence, description                string
	verification, verifyError, decoder   string
	value                                string   // ValueHash, for merging detectors
	alsoBy                               []string // other detectors that found it
	places                               []located
	suppressed                           []suppressedPlace
}

type suppressedPlace struct {
	located
	reason string
}

// Scan implements scanners.Scanner.
func (s Scanner) Scan(ctx context.Context, t *scanners.Target) (*scanners.Result, error) {
	mode := scanners.ModeTree
	if t.Source != nil {
		mode = t.Source.Mode
	}
	if mode != scanners.ModeHistory && len(t.Inventory.Files) == 0 {
		if mode == scanners.ModeStaged {
			return nil, scanners.Skip("nothing staged")
		}
		return nil, scanners.Skip("no files in the tree")
	}
	// Verification needs the network, and the run's HTTP client is the one
	// switch that allows it.
	verify := s.opt.Verify && t.HTTP != nil
	det := s.opt.Detect
	if det == nil {
		det = Helper{Path: s.opt.Helper, Getenv: t.Getenv}
	}
	sess, err := det.Start(ctx, wire.Header{Version: wire.Version, Verify: verify})
	if err != nil {
		return nil, err
	}
	res := &scanners.Result{}
	var (
		chunks  []*Chunk
		secrets = map[string]*secret{}
		byValue = map[string]*secret{} // own detectors' secrets by subject
	)
	add := func(c Chunk) error {
		c.ID = len(chunks)
		cp := c
		chunks = append(chunks, &cp)
		t.Counter.Add("chunks", 1)
		for _, m := range rules.Scan(c.Path, c.Data) {
			addOwn(secrets, byValue, &cp, m)
		}
		if err := sess.Send(wire.Chunk{ID: c.ID, Data: c.Data}); err != nil {
			return err
		}
		// Keep a chunk's text only when a line of it may suppress a result
		// that arrives later; a long history is then not held in memory.
		if !bytes.Contains(cp.Data, []byte(inline.Marker)) && !bytes.Contains(cp.Data, []byte("trufflehog:ignore")) {
			cp.Data = nil
		}
		return nil
	}
	var unread []finding.Finding
	if mode == scanners.ModeHistory {
		err = t.Source.History(ctx, s.opt.MaxFileSize, t.Counter, func(ch gitsrc.Change) error {
			return add(Chunk{Source: "history", Path: ch.Path, Commit: ch.Commit, Date: ch.Date, Data: ch.Data, Lines: ch.Lines})
		})
	} else {
		unread, err = filesSource(ctx, t, mode.String(), s.opt.MaxFileSize, add)
	}
	resp, cerr := sess.Close()
	if err != nil {
		return nil, err
	}
	if cerr != nil {
		return nil, fmt.Errorf("trufflehog detectors: %w", cerr)
	}
	t.Counter.Add("detectors", int64(resp.Detectors+len(rules.Rules())))
	if resp.Filtered > 0 {
		t.Counter.Add("filtered_false_positives", int64(resp.Filtered))
	}
	for _, h := range resp.Hits {
		if h.Chunk < 0 || h.Chunk >= len(chunks) {
			return nil, fmt.Errorf("trufflehog detectors: result for unknown chunk %d", h.Chunk)
		}
		addHit(secrets, byValue, chunks[h.Chunk], h)
	}
	if len(chunks) == 0 {
		switch mode {
		case scanners.ModeStaged:
			return nil, scanners.Skip("nothing staged that holds text")
		case scanners.ModeHistory:
			if n := t.Counter.Snapshot()["commits"]; n > 0 {
				// Commits were read: a clean result, not a skip.
				return &scanners.Result{Notes: []string{fmt.Sprintf("%d commit(s) read, none added text under this path", n)}}, nil
			}
			if t.Source.Since == "" {
				return nil, scanners.Skip("no commit touches this path")
			}
			return nil, scanners.Skip("no new commits")
		default:
			return nil, scanners.Skip("no text files to scan")
		}
	}
	res.Findings, res.Suppressed = build(secrets, mode.String())
	res.Findings = append(res.Findings, unread...)
	switch {
	case s.opt.FailOn == "verified" && !verify:
		res.Notes = append(res.Notes, "secrets.fail_on is verified but verification is off (--verify): every secret counts")
	case s.opt.FailOn == "verified":
		for i := range res.Findings {
			if res.Findings[i].Detail["verification"] == "unverified" {
				res.Findings[i].Uncounted = "its provider says it is not live (secrets.fail_on: verified)"
			}
		}
	}
	return res, nil
}

func addOwn(m, byValue map[string]*secret, c *Chunk, r rules.Match) {
	hash := wire.SecretHash(r.Rule, r.Secret)
	s := m[hash]
	if s == nil {
		s = &secret{rule: r.Rule, title: r.Title, detector: r.Rule, hash: hash, preview: wire.Redact(r.Secret),
			severity: r.Severity, evidence: r.Evidence, verification: "not_verifiable", decoder: "PLAIN",
			value: wire.ValueHash(r.Secret)}
		m[hash] = s
		byValue[s.value] = s
	}
	s.place(c, r.Line, r.Rule)
}

// addHit records a trufflehog result. When one of Bulwark's own detectors
// found the same value, the two are one finding: ours (its evidence is
// specific) carrying trufflehog's verification.
func addHit(m, byValue map[string]*secret, c *Chunk, h wire.Hit) {
	if own := byValue[h.Value]; own != nil && h.Value != "" {
		if !slices.Contains(own.alsoBy, h.Detector) {
			own.alsoBy = append(own.alsoBy, h.Detector)
		}
		if own.verification == "not_verifiable" || h.Verification == "verified" {
			own.verification, own.verifyError = h.Verification, h.VerifyError
			if h.Verification == "verified" {
				own.severity = finding.Critical
			}
		}
		line := h.Line
		if line < 1 {
			line = 1
		}
		own.place(c, line, own.rule)
		return
	}
	s := m[h.Hash]
	if s == nil {
		rule := "trufflehog." + strings.ToLower(h.Detector)
		sev := finding.High
		if h.Verification == "verified" {
			sev = finding.Critical
		}
		s = &secret{rule: rule, title: h.Detector + " secret", detector: h.Detector, hash: h.Hash, preview: h.Preview,
			severity: sev, description: h.Description, verification: h.Verification, verifyError: h.VerifyError,
			decoder: h.Decoder, value: h.Value}
		m[h.Hash] = s
	}
	line := h.Line
	if line < 1 {
		line = 1
	}
	s.place(c, line, s.rule)
}

// place records a location unless the line carries an inline suppression
// (the one parser, internal/inline, on the content the chunk came from).
// trufflehog's own engine already drops results on a trufflehog:ignore line.
func (s *secret) place(c *Chunk, line int, rule string) {
	l := located{chunk: c, line: c.FileLine(line)}
	if d, ok := inline.Find([]string{lineOf(c.Data, line)}, 1, rule); ok {
		s.suppressed = append(s.suppressed, suppressedPlace{located: l, reason: d.Reason})
		return
	}
	for _, p := range s.places {
		if p.line == l.line && p.chunk.Path == c.Path && p.chunk.Commit == c.Commit && p.chunk.Source == c.Source {
			return
		}
	}
	s.places = append(s.places, l)
}

// lineOf returns the 1-based line n of data ("" past the end).
func lineOf(data []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return string(data)
}

var sourceRank = map[string]int{"tree": 0, "staged": 1, "history": 2}

func lessPlace(a, b located) bool {
	ca, cb := a.chunk, b.chunk
	if sourceRank[ca.Source] != sourceRank[cb.Source] {
		return sourceRank[ca.Source] < sourceRank[cb.Source]
	}
	if ca.Path != cb.Path {
		return ca.Path < cb.Path
	}
	if ca.Date != cb.Date {
		return ca.Date < cb.Date
	}
	if ca.Commit != cb.Commit {
		return ca.Commit < cb.Commit
	}
	return a.line < b.line
}

// build makes one finding per distinct secret: its first place is the
// location, every place is listed in detail.locations.
func build(m map[string]*secret, mode string) ([]finding.Finding, []finding.Suppressed) {
	var out []finding.Finding
	var sup []finding.Suppressed
	for _, s := range m {
		if len(s.places) == 0 {
			sort.Slice(s.suppressed, func(i, j int) bool { return lessPlace(s.suppressed[i].located, s.suppressed[j].located) })
			f := s.finding(mode, []located{s.suppressed[0].located})
			sup = append(sup, finding.Suppressed{Finding: f, Kind: "inline", Reason: s.suppressed[0].reason})
			continue
		}
		sort.Slice(s.places, func(i, j int) bool { return lessPlace(s.places[i], s.places[j]) })
		out = append(out, s.finding(mode, s.places))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Fingerprint < out[j].Fingerprint })
	return out, sup
}

func (s *secret) finding(mode string, places []located) finding.Finding {
	first := places[0]
	locs := make([]map[string]any, 0, len(places))
	for _, p := range places {
		l := map[string]any{"source": p.chunk.Source, "path": p.chunk.Path, "line": p.line}
		if p.chunk.Commit != "" {
			l["commit"] = p.chunk.Commit
			l["date"] = p.chunk.Date
		}
		locs = append(locs, l)
	}
	detail := map[string]any{
		"detector":     s.detector,
		"preview":      s.preview,
		"verification": s.verification,
		"locations":    locs,
		"mode":         mode,
	}
	if s.evidence != "" {
		detail["evidence"] = s.evidence
	}
	if len(s.alsoBy) > 0 {
		sort.Strings(s.alsoBy)
		detail["also_detected_by"] = s.alsoBy
	}
	if s.verifyError != "" {
		detail["verification_error"] = s.verifyError
	}
	if s.decoder != "" && s.decoder != "PLAIN" {
		detail["decoder"] = s.decoder
	}
	if c := first.chunk; c.Commit != "" {
		detail["commit"] = c.Commit
		detail["date"] = c.Date
	}
	where := fmt.Sprintf("%d place(s)", len(places))
	if len(places) == 1 {
		where = "1 place"
	}
	msg := fmt.Sprintf("%s %q found in %s", s.title, s.preview, where)
	if first.chunk.Commit != "" {
		msg += fmt.Sprintf(", first in commit %.12s (%s)", first.chunk.Commit, first.chunk.Date)
	}
	switch s.verification {
	case "verified":
		msg += "; verified live with its provider: revoke and rotate it now"
	case "unknown":
		msg += "; verification failed, so it may be live"
	case "unverified":
		msg += "; not verified (run with --verify to check it with its provider)"
	}
	if s.evidence != "" {
		msg += ". Evidence: " + s.evidence
	}
	if s.description != "" {
		msg += ". " + s.description
	}
	return finding.Finding{
		Scanner:     "secrets",
		RuleID:      s.rule,
		Severity:    s.severity,
		Title:       s.title,
		Message:     msg,
		Location:    finding.Location{Path: first.chunk.Path, StartLine: first.line, EndLine: first.line, Commit: first.chunk.Commit},
		Fingerprint: s.hash,
		Subject:     s.value,
		CWE:         []string{"CWE-798"},
		HelpURI:     "https://cwe.mitre.org/data/definitions/798.html",
		Detail:      detail,
	}
}

// WithDetector returns the scanner with trufflehog's stage replaced (tests
// run without the helper binary this way).
func (s Scanner) WithDetector(d Detector) Scanner {
	s.opt.Detect = d
	return s
}
