// Command bulwark-secrets is the secrets scanner's detector helper. It links
// trufflehog's detectors so that the bulwark binary does not: bulwark starts
// it only when a chunk holds one of the detectors' keywords. It speaks the
// protocol in scanners/secrets/wire on stdin and stdout and is not meant to be
// run by hand; `bulwark-secrets -keywords` prints the keyword list that
// scanners/secrets embeds.
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
