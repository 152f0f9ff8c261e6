// Command bulwark-secrets is the secrets scanner's detector helper. It links
// trufflehog's detectors so that the bulwark binary does not: bulwark starts
// it at the beginning of each secrets scan, so that loading the detectors
// overlaps reading the files, the index or the history. It speaks the
// protocol in scanners/secrets/wire on stdin and stdout and is not meant to be
// run by hand. `bulwark-secrets -keywords` loads every detector, prints their
// keywords and exits: a diagnostic, and the way to time detector start-up.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/bulwark-sec/bulwark/scanners/secrets/thog"
)

func main() {
	keywords := flag.Bool("keywords", false, "print the detectors' keywords, one per line, and exit")
	flag.Parse()
	if *keywords {
		fmt.Println(strings.Join(thog.Keywords(), "\n"))
		return
	}
	if err := thog.Serve(context.Background(), os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bulwark-secrets:", err)
		os.Exit(2)
	}
}
