package riskcheck

import (
	"path"
	"regexp"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// kind is what a file is to riskcheck; a file can be several.
type kind uint16

const (
	kRisk       kind = 1 << iota // a dedicated risk configuration (YAML/JSON/TOML)
	kPython                      // Python source that may define limits as literals
	kEnv                         // a dotenv file
	kEnvSample                   // a dotenv template (.env.example): values only, no permission checks
	kUnit                        // a systemd service unit
	kDropIn                      // a systemd drop-in (*.service.d/*.conf)
	kKeystore                    // may be an Ethereum V3 keystore (sniffed)
	kLogging                     // may be a logging configuration (sniffed)
	kConfig                      // config-like text searched for plaintext private keys
	kRiskPython                  // Python named as a risk configuration (hft_risk*.py) or in riskcheck.paths
)

var (
	riskNameRe = regexp.MustCompile(`(?i)^(?:risk[^/]*\.(?:ya?ml|json|toml)|hft_risk[^/]*\.(?:ya?ml|json|toml|py))$`)
	configExt  = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".toml": true, ".ini": true, ".cfg": true, ".conf": true, ".properties": true, ".env": true}
	sampleRe   = regexp.MustCompile(`(?i)\.(example|sample|template|dist|tmpl|tpl)$`)
)

// classify says what a repository-relative path is. extra are the config's
// riskcheck.paths patterns (.gitignore syntax) naming more risk configs.
func classify(rel string, extra []gitignore.Pattern) kind {
	base := path.Base(rel)
	lower := strings.ToLower(base)
	ext := path.Ext(lower)
	dir := path.Dir(rel)
	var k kind
	if riskNameRe.MatchString(base) {
		k |= kRisk
		if ext == ".py" {
			k = kPython
		}
	}
	for _, p := range extra {
		if p.Match(strings.Split(rel, "/"), false) == gitignore.Exclude {
			k |= kRisk
		}
	}
	if ext == ".py" {
		if k&kRisk != 0 || riskNameRe.MatchString(base) {
			k |= kRiskPython
		}
		k |= kPython
		k &^= kRisk
	}
	if lower == ".env" || strings.HasPrefix(lower, ".env.") || strings.HasSuffix(lower, ".env") {
		if sampleRe.MatchString(lower) {
			k |= kEnvSample
		} else {
			k |= kEnv
		}
		k |= kConfig
	}
	if ext == ".service" {
		k |= kUnit
	}
	if strings.HasSuffix(dir, ".service.d") && ext == ".conf" {
		k |= kDropIn
	}
	if ext == ".json" || strings.HasPrefix(base, "UTC--") || strings.Contains("/"+dir+"/", "/keystore/") {
		k |= kKeystore
	}
	if configExt[ext] || ext == "" && strings.Contains(dir, "logrotate") {
		k |= kConfig
		if strings.Contains(lower, "log") || strings.Contains(dir, "logrotate") {
			k |= kLogging
		}
	}
	return k
}
