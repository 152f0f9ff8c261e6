// Command web serves requests unsafely: it is a gosec fixture.
package main

import (
	"archive/zip"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
)

func handler(w http.ResponseWriter, r *http.Request) {
	cmd := exec.Command("sh", "-c", r.URL.Query().Get("cmd"))
	_ = cmd.Run()
	data, _ := os.ReadFile(r.URL.Query().Get("file"))
	_, _ = w.Write(data)
	resp, err := http.Get(r.URL.Query().Get("url"))
	if err == nil {
		_ = resp.Body.Close()
	}
}

func fetch(url string) {
	resp, err := http.Get(url)
	if err == nil {
		_ = resp.Body.Close()
	}
}

func unzip(src, dest string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		p := filepath.Join(dest, f.Name)
		rc, err := f.Open()
		if err != nil {
			return err
		}
		out, err := os.Create(p)
		if err != nil {
			return err
		}
		_, _ = io.Copy(out, rc)
		_ = out.Close()
		_ = rc.Close()
	}
	return nil
}

func gunzip(r io.Reader, w io.Writer) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, gz)
	return err
}

// version runs a program named by a variable, over several lines.
func version(name string) error {
	return exec.Command(
		name,
		"--version",
	).Run()
}

func main() {
	fetch(os.Args[1])
	_ = unzip(os.Args[2], os.Args[3])
	_ = gunzip(os.Stdin, os.Stdout)
	_ = version(os.Args[4])
	http.HandleFunc("/", handler)
	_ = http.ListenAndServe(":8080", nil)
}
