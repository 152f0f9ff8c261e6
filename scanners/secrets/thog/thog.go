// Package thog runs trufflehog's default detectors over chunks handed to it.
// It is linked only into the bulwark-secrets helper (and this package's own
// tests): importing trufflehog's detectors costs about half a second of package
// initialisation, which the main binary must not pay on every pre-commit run,
// and trufflehog's engine exits the process on a panic, which a helper process
// turns into a failed scanner instead of a dead Bulwark.
package thog

import (
	stdctx "context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/go-logr/logr"
	"github.com/trufflesecurity/trufflehog/v3/pkg/context"
	"github.com/trufflesecurity/trufflehog/v3/pkg/detectors"
	"github.com/trufflesecurity/trufflehog/v3/pkg/engine"
	"github.com/trufflesecurity/trufflehog/v3/pkg/engine/defaults"
	"github.com/trufflesecurity/trufflehog/v3/pkg/pb/source_metadatapb"
	"github.com/trufflesecurity/trufflehog/v3/pkg/pb/sourcespb"
	"github.com/trufflesecurity/trufflehog/v3/pkg/sources"

	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"
)

func init() {
	// trufflehog's context package logs to stderr from its own init; silence it
	// before any context is made (Background copies the default logger).
	context.SetDefaultLogger(logr.Discard())
}

// Detectors returns trufflehog's default detector set.
func Detectors() []detectors.Detector { return defaults.DefaultDetectors() }

// Keywords returns every detector keyword, lower-cased, sorted and unique.
// trufflehog's Aho-Corasick prefilter matches them case-insensitively; the
// list is printed by `bulwark-secrets -keywords` to judge whether a keyword
// prefilter in bulwark could spare starting the helper (it cannot: 938
// keywords, among them "az" and "dm", match almost any source file).
func Keywords() []string {
	set := map[string]bool{}
	for _, d := range Detectors() {
		for _, k := range d.Keywords() {
			if k = strings.ToLower(k); k != "" {
				set[k] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// collector receives results on the engine's notifier goroutines.
type collector struct {
	mu       sync.Mutex
	hits     []wire.Hit
	ids      map[string]int // chunk key → chunk ID
	filtered int
}

func (c *collector) Dispatch(_ context.Context, r detectors.ResultWithMetadata) error {
	fs := r.SourceMetadata.GetFilesystem()
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.ids[fs.GetFile()]
	if !ok {
		return fmt.Errorf("result for an unknown chunk")
	}
	if r.IsWordlistFalsePositive && !r.Verified {
		c.filtered++
		return nil
	}
	raw := r.Raw
	if len(r.RawV2) > 0 {
		raw = r.RawV2
	}
	name := r.DetectorType.String()
	h := wire.Hit{
		Chunk:        id,
		Detector:     name,
		Description:  r.DetectorDescription,
		Line:         int(fs.GetLine()),
		Decoder:      r.DecoderType.String(),
		Verification: "unverified",
		Hash:         wire.SecretHash(name, raw),
		Value:        wire.ValueHash(r.Raw),
		Preview:      wire.Redact(r.Raw),
	}
	switch {
	case r.Verified:
		h.Verification = "verified"
	case r.VerificationError() != nil:
		h.Verification = "unknown"
		h.VerifyError = scrub(r.VerificationError().Error(), r.Raw, r.RawV2)
	}
	c.hits = append(c.hits, h)
	return nil
}

// scrub removes any copy of a secret from a verification error, which some
// detectors build from the request they sent.
func scrub(msg string, secrets ...[]byte) string {
	for _, s := range secrets {
		if len(s) >= 4 {
			msg = strings.ReplaceAll(msg, string(s), "[redacted]")
		}
	}
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	return msg
}

// Run scans every chunk from next (which returns io.EOF at the end) with the
// default detectors and returns what they found.
func Run(ctx stdctx.Context, h wire.Header, next func() (wire.Chunk, error)) (*wire.Response, error) {
	tctx := context.WithLogger(ctx, logr.Discard())
	dets := Detectors()
	if len(h.Detectors) > 0 {
		want := map[string]bool{}
		for _, n := range h.Detectors {
			want[strings.ToLower(n)] = true
		}
		var keep []detectors.Detector
		for _, d := range dets {
			if want[strings.ToLower(d.Type().String())] {
				keep = append(keep, d)
			}
		}
		dets = keep
	}
	col := &collector{ids: map[string]int{}}
	conc := runtime.NumCPU()
	e, err := engine.NewEngine(tctx, &engine.Config{
		Concurrency:   conc,
		Detectors:     dets,
		Verify:        h.Verify,
		Dispatcher:    col,
		SourceManager: sources.NewManager(sources.WithConcurrentSources(conc), sources.WithConcurrentUnits(conc)),
	})
	if err != nil {
		return nil, fmt.Errorf("trufflehog engine: %w", err)
	}
	e.Start(tctx)
	resp := &wire.Response{Version: wire.Version, Detectors: len(dets)}
	var readErr error
	var chunks, size int64 // read on this goroutine only
	for {
		c, err := next()
		if errors.Is(err, io.EOF) || (err == nil && c.ID < 0) {
			break
		}
		if err != nil {
			readErr = err
			break
		}
		key := fmt.Sprintf("chunk-%d", c.ID)
		col.mu.Lock()
		col.ids[key] = c.ID
		col.mu.Unlock()
		chunks++
		size += int64(len(c.Data))
		e.ScanChunk(&sources.Chunk{
			Data:       c.Data,
			SourceName: "bulwark",
			SourceType: sourcespb.SourceType_SOURCE_TYPE_FILESYSTEM,
			SourceMetadata: &source_metadatapb.MetaData{Data: &source_metadatapb.MetaData_Filesystem{
				Filesystem: &source_metadatapb.Filesystem{File: key, Line: 1},
			}},
			Verify: h.Verify,
		})
	}
	if err := e.Finish(tctx); err != nil && readErr == nil {
		readErr = err
	}
	resp.Chunks, resp.Bytes = chunks, size
	resp.Hits, resp.Filtered = col.hits, col.filtered
	sort.Slice(resp.Hits, func(i, j int) bool {
		a, b := resp.Hits[i], resp.Hits[j]
		if a.Chunk != b.Chunk {
			return a.Chunk < b.Chunk
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Detector != b.Detector {
			return a.Detector < b.Detector
		}
		return a.Hash < b.Hash
	})
	return resp, readErr
}

// Serve speaks the wire protocol: a Header and Chunks on r, one Response on w.
func Serve(ctx stdctx.Context, r io.Reader, w io.Writer) error {
	dec := gob.NewDecoder(r)
	var h wire.Header
	if err := dec.Decode(&h); err != nil {
		return fmt.Errorf("reading request header: %w", err)
	}
	if h.Version != wire.Version {
		return fmt.Errorf("protocol version %d, helper speaks %d: rebuild bulwark and bulwark-secrets together", h.Version, wire.Version)
	}
	resp, err := Run(ctx, h, func() (wire.Chunk, error) {
		var c wire.Chunk
		err := dec.Decode(&c)
		return c, err
	})
	if resp == nil {
		resp = &wire.Response{Version: wire.Version}
	}
	if err != nil {
		resp.Error = err.Error()
	}
	if werr := gob.NewEncoder(w).Encode(resp); werr != nil {
		return werr
	}
	return err
}
