package thog

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/trufflesecurity/trufflehog/v3/pkg/detectors"
	"github.com/trufflesecurity/trufflehog/v3/pkg/pb/detectorspb"
	"github.com/trufflesecurity/trufflehog/v3/pkg/pb/source_metadatapb"

	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"
)

const (
	awsID     = "AKIAQYLPMN5HHHFPZAM2"
	awsSecret = "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"
)

func chunks(cs ...wire.Chunk) func() (wire.Chunk, error) {
	return func() (wire.Chunk, error) {
		if len(cs) == 0 {
			return wire.Chunk{}, io.EOF
		}
		c := cs[0]
		cs = cs[1:]
		return c, nil
	}
}

func TestRunFindsLinesAndHonoursIgnore(t *testing.T) {
	aws := "import boto3\n\nkey = \"" + awsID + "\"\nsecret = \"" + awsSecret + "\"\n"
	ignored := "key = \"" + awsID + "\"  # trufflehog:ignore\nsecret = \"" + awsSecret + "\"  # trufflehog:ignore\n"
	resp, err := Run(context.Background(), wire.Header{Version: wire.Version}, chunks(
		wire.Chunk{ID: 0, Data: []byte(aws)},
		wire.Chunk{ID: 1, Data: []byte("nothing to see\n")},
		wire.Chunk{ID: 2, Data: []byte(ignored)},
	))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Chunks != 3 || resp.Bytes != int64(len(aws)+len("nothing to see\n")+len(ignored)) || resp.Detectors < 800 {
		t.Errorf("counts: %d chunks, %d bytes, %d detectors", resp.Chunks, resp.Bytes, resp.Detectors)
	}
	var aw []wire.Hit
	for _, h := range resp.Hits {
		if h.Detector == "AWS" {
			aw = append(aw, h)
		}
	}
	if len(aw) != 1 {
		t.Fatalf("AWS hits = %d, want 1 (chunk 0 only; chunk 2 is ignored): %+v", len(aw), resp.Hits)
	}
	h := aw[0]
	if h.Chunk != 0 || h.Line != 3 || h.Verification != "unverified" || h.Preview != "AKIA…" || len(h.Hash) != 32 || h.Value == "" {
		t.Errorf("hit = %+v", h)
	}
	for _, h := range resp.Hits {
		if strings.Contains(h.Preview, awsID[4:]) || strings.Contains(h.Description, awsSecret) {
			t.Errorf("a hit carries the raw secret")
		}
	}
}

func TestRunDetectorFilter(t *testing.T) {
	resp, err := Run(context.Background(), wire.Header{Version: wire.Version, Detectors: []string{"github"}},
		chunks(wire.Chunk{ID: 0, Data: []byte("key = \"" + awsID + "\"\nsecret = \"" + awsSecret + "\"\n")}))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Detectors < 1 || resp.Detectors > 3 || len(resp.Hits) != 0 {
		t.Errorf("filtered run: %d detectors, %d hits", resp.Detectors, len(resp.Hits))
	}
}

func TestServeProtocol(t *testing.T) {
	var in bytes.Buffer
	enc := gob.NewEncoder(&in)
	must(t, enc.Encode(wire.Header{Version: wire.Version}))
	must(t, enc.Encode(wire.Chunk{ID: 7, Data: []byte("a = \"" + awsID + "\"\nb = \"" + awsSecret + "\"\n")}))
	must(t, enc.Encode(wire.Chunk{ID: -1}))
	var out bytes.Buffer
	must(t, Serve(context.Background(), &in, &out))
	var resp wire.Response
	must(t, gob.NewDecoder(&out).Decode(&resp))
	if resp.Error != "" || len(resp.Hits) == 0 || resp.Hits[0].Chunk != 7 {
		t.Fatalf("response = %+v", resp)
	}
	if bytes.Contains(out.Bytes(), []byte(awsSecret)) || bytes.Contains(out.Bytes(), []byte(awsID[4:])) {
		t.Error("the helper's answer carries a raw secret")
	}

	// A version mismatch is refused with a message that says what to do.
	in.Reset()
	must(t, gob.NewEncoder(&in).Encode(wire.Header{Version: wire.Version + 1}))
	out.Reset()
	err := Serve(context.Background(), &in, &out)
	if err == nil || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("version mismatch: %v", err)
	}
	// A truncated stream is an error, never an empty clean answer.
	in.Reset()
	must(t, gob.NewEncoder(&in).Encode(wire.Header{Version: wire.Version}))
	in.WriteString("garbage")
	out.Reset()
	if err := Serve(context.Background(), &in, &out); err == nil {
		t.Error("a corrupt stream was accepted")
	}
}

func TestKeywordsAreLowerCaseSortedUnique(t *testing.T) {
	k := Keywords()
	if len(k) < 500 {
		t.Fatalf("%d keywords", len(k))
	}
	for i, w := range k {
		if w != strings.ToLower(w) || (i > 0 && k[i-1] >= w) {
			t.Fatalf("keyword %d %q out of order or not lower case", i, w)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Dispatch maps trufflehog's verification outcome onto ours and keeps the
// secret out of a verification error that quotes it.
func TestDispatchVerification(t *testing.T) {
	meta := &source_metadatapb.MetaData{Data: &source_metadatapb.MetaData_Filesystem{
		Filesystem: &source_metadatapb.Filesystem{File: "chunk-3", Line: 7}}}
	mk := func(verified bool, verr error) detectors.ResultWithMetadata {
		r := detectors.ResultWithMetadata{SourceMetadata: meta}
		r.DetectorType = detectorspb.DetectorType_AWS
		r.Raw = []byte(awsID)
		r.RawV2 = []byte(awsID + awsSecret)
		r.Verified = verified
		if verr != nil {
			r.SetVerificationError(verr)
		}
		return r
	}
	c := &collector{ids: map[string]int{"chunk-3": 3}}
	for _, r := range []detectors.ResultWithMetadata{
		mk(true, nil),
		mk(false, nil),
		mk(false, errors.New("POST https://sts.amazonaws.com?key="+awsID+": connection refused")),
	} {
		if err := c.Dispatch(nil, r); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.hits) != 3 {
		t.Fatalf("%d hits", len(c.hits))
	}
	for i, want := range []string{"verified", "unverified", "unknown"} {
		h := c.hits[i]
		if h.Verification != want || h.Chunk != 3 || h.Line != 7 || h.Detector != "AWS" {
			t.Errorf("hit %d = %+v, want %s", i, h, want)
		}
	}
	if e := c.hits[2].VerifyError; strings.Contains(e, awsID) || !strings.Contains(e, "[redacted]") {
		t.Errorf("verification error not scrubbed: %q", e)
	}
	// A result for a chunk the helper never received is an error, not a guess.
	bad := mk(false, nil)
	bad.SourceMetadata = &source_metadatapb.MetaData{Data: &source_metadatapb.MetaData_Filesystem{
		Filesystem: &source_metadatapb.Filesystem{File: "chunk-99"}}}
	if err := c.Dispatch(nil, bad); err == nil {
		t.Error("unknown chunk accepted")
	}
}
