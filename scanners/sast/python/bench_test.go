package python

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// The benchmarks measure files per second on one corpus of real Python:
// $BULWARK_BENCH_PYTHON, by default the Python 3.11 standard library.
//
//	go test ./scanners/sast/python -run '^$' -bench 'Files$' -benchtime 3x
//
// BenchmarkPythonFiles is our engine, parse and analysis, with the files
// already in memory and spread over runtime.NumCPU() goroutines.
// BenchmarkBanditFiles is one `bandit -r` process over the same directory
// (Bandit is single-threaded; its time includes reading the files and its
// own start-up, about a second).

const minBenchFiles = 500

func benchCorpus(b *testing.B) (root string, files []string) {
	root = os.Getenv("BULWARK_BENCH_PYTHON")
	if root == "" {
		root = "/usr/lib/python3.11"
	}
	files, err := pyFiles(root)
	if err != nil || len(files) < minBenchFiles {
		b.Skipf("%s has %d Python files (err %v); the benchmark wants %d or more", root, len(files), err, minBenchFiles)
	}
	return root, files
}

func BenchmarkPythonFiles(b *testing.B) {
	root, files := benchCorpus(b)
	srcs := make([][]byte, len(files))
	var size int64
	for i, f := range files {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			b.Fatal(err)
		}
		srcs[i] = src
		size += int64(len(src))
	}
	b.SetBytes(size)
	ctx := context.Background()
	workers := runtime.NumCPU()
	var elapsed time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		next := make(chan []byte)
		errs := make(chan error, workers)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for src := range next {
					if _, err := AnalyzeSource(ctx, src); err != nil {
						select {
						case errs <- err:
						default:
						}
					}
				}
			}()
		}
		for _, src := range srcs {
			next <- src
		}
		close(next)
		wg.Wait()
		elapsed += time.Since(start)
		select {
		case err := <-errs:
			b.Fatal(err)
		default:
		}
	}
	b.ReportMetric(float64(len(files)*b.N)/elapsed.Seconds(), "files/s")
}

func BenchmarkBanditFiles(b *testing.B) {
	root, files := benchCorpus(b)
	bin := banditBinary(b)
	var elapsed time.Duration
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), treeTimeout)
		start := time.Now()
		rep := runBandit(ctx, b, bin, root)
		elapsed += time.Since(start)
		cancel()
		if len(rep.Results) == 0 {
			b.Fatalf("bandit found nothing in %s", root)
		}
	}
	b.ReportMetric(float64(len(files)*b.N)/elapsed.Seconds(), "files/s")
}
