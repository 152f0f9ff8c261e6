package cli

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/bulwark-sec/bulwark/scanners/deps"
)

// cacheDir is the one directory besides --out that Bulwark writes to:
// $BULWARK_CACHE_DIR, else the user cache directory.
func cacheDir(env *Env) (string, error) {
	if d := env.Getenv("BULWARK_CACHE_DIR"); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", usageErr("no cache directory (set BULWARK_CACHE_DIR): %v", err)
	}
	return filepath.Join(base, "bulwark"), nil
}

// osvDB is --offline-db, else $BULWARK_OSV_DB, else <cache>/osv (where
// `bulwark db update` writes).
func osvDB(env *Env, flag, cache string) string {
	switch {
	case flag != "":
		return flag
	case env.Getenv("BULWARK_OSV_DB") != "":
		return env.Getenv("BULWARK_OSV_DB")
	}
	return filepath.Join(cache, "osv")
}

func newDBCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "db", Short: "Manage the offline OSV vulnerability database"}
	var dir, baseURL string
	var ecosystems []string
	update := &cobra.Command{
		Use:   "update",
		Short: "Download the OSV database (the only command that needs the network)",
		Example: `  bulwark db update
  bulwark db update --ecosystems PyPI,npm --dir /srv/osv
  bulwark scan --offline-db /srv/osv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cache, err := cacheDir(env)
			if err != nil {
				return err
			}
			target := osvDB(env, dir, cache)
			got, err := deps.UpdateDatabase(cmd.Context(), &http.Client{Timeout: 10 * time.Minute}, baseURL, target, ecosystems)
			for _, u := range got {
				fmt.Fprintf(env.Stdout, "%s: %d records, %d bytes -> %s\n", u.Ecosystem, u.Records, u.Bytes, u.Path)
			}
			if err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("db update: %w", err)}
			}
			return nil
		},
	}
	update.Flags().StringVar(&dir, "dir", "", "database `DIR` (default $BULWARK_OSV_DB, else the cache)")
	update.Flags().StringSliceVar(&ecosystems, "ecosystems", deps.DefaultEcosystems, "ecosystems to download")
	update.Flags().StringVar(&baseURL, "url", deps.DefaultDBURL, "base `URL` of the OSV export")
	cmd.AddCommand(update)
	return cmd
}
