package deps

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, body := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.Write([]byte(body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestUpdateDatabase runs the download against a server on loopback: good
// archives land, a broken one leaves the previous database untouched.
func TestUpdateDatabase(t *testing.T) {
	good := zipOf(t, map[string]string{"PYSEC-1.json": `{"id":"PYSEC-1"}`, "PYSEC-2.json": `{"id":"PYSEC-2"}`})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/PyPI/all.zip":
			_, _ = w.Write(good)
		case "/npm/all.zip":
			_, _ = w.Write([]byte("<html>captive portal</html>"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	got, err := UpdateDatabase(context.Background(), srv.Client(), srv.URL, dir, []string{"PyPI"})
	if err != nil || len(got) != 1 || got[0].Records != 2 {
		t.Fatalf("update = %+v, %v", got, err)
	}
	old, _ := os.ReadFile(filepath.Join(dir, "PyPI", "all.zip"))
	if !bytes.Equal(old, good) {
		t.Fatal("archive not written")
	}
	_ = os.MkdirAll(filepath.Join(dir, "npm"), 0o755)
	_ = os.WriteFile(filepath.Join(dir, "npm", "all.zip"), good, 0o644)
	if _, err := UpdateDatabase(context.Background(), srv.Client(), srv.URL, dir, []string{"npm"}); err == nil || !strings.Contains(err.Error(), "not an OSV archive") {
		t.Errorf("broken download accepted: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "npm", "all.zip")); !bytes.Equal(b, good) {
		t.Error("a failed download replaced the previous database")
	}
	if _, err := UpdateDatabase(context.Background(), srv.Client(), srv.URL, dir, []string{"Maven"}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("404 accepted: %v", err)
	}
	if _, err := UpdateDatabase(context.Background(), srv.Client(), srv.URL, dir, []string{"../etc"}); err == nil {
		t.Error("path traversal in ecosystem name accepted")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "npm"))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
