// Package wire is the protocol between the secrets scanner and its detector
// helper, bulwark-secrets, which links trufflehog's ~850 detectors. It is light
// on purpose: the main binary imports it without linking trufflehog.
//
// The parent writes a Header, then Chunks, then a Chunk with ID -1, as one gob
// stream on the helper's stdin. The helper answers with one Response on stdout.
// Raw secrets cross the pipe only inside chunk data the parent already holds;
// the helper never sends a secret back, only its hash and a short preview.
package wire

import (
	"github.com/bulwark-sec/bulwark/internal/redact"
)

// Version changes whenever a message changes shape.
const Version = 1

// Header opens a request.
type Header struct {
	Version int
	// Verify lets detectors call their providers to check a secret (network).
	Verify bool
	// Detectors limits the run to these detector names (lower case); empty
	// means all.
	Detectors []string
}

// Chunk is one piece of data to scan: a file, a staged blob or the added
// lines of one file in one commit. ID -1 ends the stream.
type Chunk struct {
	ID   int
	Data []byte
}

// Hit is one secret a detector found in a chunk.
type Hit struct {
	Chunk int
	// Detector is trufflehog's detector name, e.g. "AWS", "Github".
	Detector    string
	Description string
	// Line is the 1-based line of the secret within the chunk; 0 when the
	// detector's value could not be located (a decoded or multi-part secret).
	Line int
	// Decoder is how the chunk was decoded: PLAIN, BASE64, UTF16, ...
	Decoder string
	// Verification is verified, unverified or unknown (the check itself
	// failed); unverified when verification was not asked for.
	Verification string
	// VerifyError says why verification failed, when it did.
	VerifyError string
	// Hash is SecretHash(Detector, raw).
	Hash string
	// Value is ValueHash(raw): the same secret found by one of Bulwark's own
	// detectors is then reported once.
	Value string
	// Preview is Redact(raw).
	Preview string
}

// Response ends a run.
type Response struct {
	Version   int
	Hits      []Hit
	Detectors int   // detectors loaded
	Chunks    int64 // chunks scanned
	Bytes     int64 // bytes scanned
	// Filtered counts results dropped as known false positives.
	Filtered int
	// Error is set when the helper could not finish; Hits may be partial.
	Error string
}

// SecretHash is the identity of a secret: redact.Hash of the detector and
// the value.
func SecretHash(detector string, raw []byte) string { return redact.Hash(detector, raw) }

// ValueHash identifies a raw value whatever detector found it (redact.Subject),
// to merge two detectors' findings of one secret.
func ValueHash(raw []byte) string { return redact.Subject(raw) }

// Redact is redact.Redact: the one preview of a secret.
func Redact(secret []byte) string { return redact.Redact(secret) }
