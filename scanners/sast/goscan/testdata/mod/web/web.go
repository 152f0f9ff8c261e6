// Package web holds HTTP handlers with security defects: it is a gosec fixture.
package web

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"database/sql"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"
	"unsafe"
)

// Handler carries a database.
type Handler struct{ DB *sql.DB }

// Config is marshalled with its secret.
type Config struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

// ServeHTTP mixes user input into SQL, logs and redirects.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("id")
	rows, err := h.DB.Query("SELECT * FROM t WHERE id = " + id)
	if err == nil {
		_ = rows.Close()
	}
	log.Printf("user asked for %s", r.FormValue("name"))
	_ = template.HTML(r.FormValue("html"))
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: id})
	http.Redirect(w, r, r.FormValue("next"), http.StatusFound)
}

// Upload parses a form without a size limit.
func Upload(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseMultipartForm(1 << 40)
	n, _ := strconv.Atoi(r.FormValue("n"))
	_ = int32(n)
}

// Listen binds every interface and serves without timeouts.
func Listen() error {
	l, err := net.Listen("tcp", "0.0.0.0:8080")
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler: http.FileServer(http.Dir("/")),
	}
	return srv.Serve(l)
}

// Key is too short.
func Key() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 1024) }

// Seal uses a fixed nonce.
func Seal(key, msg []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return gcm.Seal(nil, []byte("0123456789ab"), msg, nil), nil
}

// Peek reads memory unsafely.
func Peek(p *int) uintptr { return uintptr(unsafe.Pointer(p)) }

// Third indexes past a short slice.
func Third() int {
	s := make([]int, 2)
	return s[2]
}

// Walk removes files found by a walk.
func Walk(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Remove(p)
	})
}

// Join builds a URL from a raw segment.
func Join(base, seg string) (string, error) { return url.JoinPath(base, "a/"+seg) }

// Background starts work that loses its context.
func Background(ctx context.Context) {
	go func() {
		c, cancel := context.WithTimeout(context.Background(), time.Second)
		_ = c
		_ = cancel
	}()
	_ = ctx
}
