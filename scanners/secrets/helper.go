package secrets

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"
)

// HelperName is the detector helper's executable name.
const HelperName = "bulwark-secrets"

// Helper runs trufflehog's detectors in the bulwark-secrets process.
type Helper struct {
	// Path is the helper executable; "" finds it (FindHelper).
	Path   string
	Getenv func(string) string
}

// FindHelper looks for the helper in $BULWARK_SECRETS_HELPER, then next to
// the running executable, then on PATH.
func FindHelper(getenv func(string) string) (string, error) {
	if getenv != nil {
		if p := getenv("BULWARK_SECRETS_HELPER"); p != "" {
			return p, nil
		}
	}
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), HelperName)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(HelperName); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("the %s helper (trufflehog's detectors) was not found next to bulwark, on PATH or in $BULWARK_SECRETS_HELPER: build it with `make build` or `go build ./cmd/%s`", HelperName, HelperName)
}

// Start implements Detector: it starts the helper, which loads its detectors
// while the caller reads the first chunks.
func (h Helper) Start(ctx context.Context, hd wire.Header) (Session, error) {
	path := h.Path
	if path == "" {
		var err error
		if path, err = FindHelper(h.Getenv); err != nil {
			return nil, err
		}
	}
	cmd := exec.CommandContext(ctx, path)
	// Killed at the deadline, the helper is reaped by Close's Wait, which
	// WaitDelay bounds even if its pipes are still held open.
	cmd.WaitDelay = 5 * time.Second
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &limited{w: &stderr, n: 4 << 10}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	s := &helperSession{cmd: cmd, stdin: stdin, stdout: &stdout, stderr: &stderr, enc: gob.NewEncoder(stdin)}
	if err := s.enc.Encode(hd); err != nil {
		s.sendErr = err
		_, err := s.Close() // the helper died at once: say why now
		return nil, err
	}
	return s, nil
}

type helperSession struct {
	cmd            *exec.Cmd
	stdin          io.WriteCloser
	stdout, stderr *bytes.Buffer
	enc            *gob.Encoder
	sendErr        error // the first write that failed; Close reports it
}

// Send never fails on its own: a helper that died is reported by Close,
// with its exit status and stderr, after the caller's own detectors ran.
func (s *helperSession) Send(c wire.Chunk) error {
	if s.sendErr == nil {
		s.sendErr = s.enc.Encode(c)
	}
	return nil
}

// Close ends the stream, waits for the helper and reads its answer. Any
// failure — a write, the exit status, an unreadable or error answer — is an
// error naming the helper, with the head of its stderr.
func (s *helperSession) Close() (*wire.Response, error) {
	if s.sendErr == nil {
		s.sendErr = s.enc.Encode(wire.Chunk{ID: -1})
	}
	_ = s.stdin.Close()
	werr := s.cmd.Wait()
	var resp wire.Response
	derr := gob.NewDecoder(s.stdout).Decode(&resp)
	var err error
	switch {
	case derr == nil && resp.Error != "":
		return nil, errors.New(resp.Error)
	case werr != nil:
		err = werr
	case s.sendErr != nil:
		err = s.sendErr
	case derr != nil:
		err = fmt.Errorf("unreadable answer: %w", derr)
	default:
		return &resp, nil
	}
	if msg := strings.TrimSpace(s.stderr.String()); msg != "" {
		err = fmt.Errorf("%w: %s", err, msg)
	}
	return nil, fmt.Errorf("%s failed: %w", HelperName, err)
}

// limited keeps the first n bytes written to it and drops the rest.
type limited struct {
	w io.Writer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		_, _ = l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
