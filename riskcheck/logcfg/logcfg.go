// Package logcfg checks logging configurations against the seed's section
// 6.2: rotating handlers with a 100 MB size limit and at least 10 backups,
// JSON-formatted logs, and a separate error log. It reads Python
// logging.config dictConfig documents (YAML or JSON), fileConfig INI files and
// logrotate configurations.
package logcfg

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// The documented rotation policy, and a bound on the work per file.
const (
	maxBytes   = 100 << 20 // 100 MB
	minBackups = 10
	maxSize    = 4 << 20 // real logging configurations are a few KiB
)

// format is the kind of logging configuration a file holds.
type format int

const (
	notLogging format = iota
	logrotate
	fileConfig
	dictJSON
	dictYAML
)

var (
	iniHeader = regexp.MustCompile(`(?m)^[ \t]*\[(handlers|handler_[^\]\n]*)\][ \t]*\r?$`)
	// a dictConfig at the top level or under a logging: key
	yamlVersion  = regexp.MustCompile(`(?m)^[ \t]*["']?version["']?[ \t]*:`)
	yamlHandlers = regexp.MustCompile(`(?m)^[ \t]*["']?handlers["']?[ \t]*:`)
)

// Check reads one file. The bool says whether it is a logging configuration
// at all; when it is not, there are no findings. A file that is one but
// cannot be read is a logging.parse_error finding naming the line, so Check
// never fails.
func Check(file string, data []byte) ([]finding.Finding, bool) {
	head := data
	if len(head) > maxSize {
		head = head[:64<<10] // an oversized file is judged by its start, to bound the work
	}
	kind := sniff(file, head)
	r := &report{path: file, syntaxHelp: pyConfig}
	if kind == logrotate {
		r.syntaxHelp = lrMan
	}
	switch {
	case kind == notLogging:
		return nil, false
	case len(data) > maxSize:
		r.parseError(0, "the file is %d bytes, too large for a logging configuration (limit %d)", len(data), maxSize)
		return r.out, true
	case kind == logrotate:
		if i := bytes.IndexByte(data, 0); i >= 0 {
			r.parseError(1+bytes.Count(data[:i], []byte("\n")), "binary data (NUL byte) in a logrotate file")
			return r.out, true
		}
		stanzas, err := parseLogrotate(data)
		if err != nil {
			r.parseError(err.Line, "%s", err.Msg)
			return r.out, true
		}
		r.checkLogrotate(stanzas)
		return r.out, true
	}
	var cfg *config
	var err *ParseError
	switch kind {
	case fileConfig:
		cfg, err = parseFileConfig(data)
	default:
		var isDict bool
		cfg, isDict, err = parseDict(data, kind == dictJSON, strings.EqualFold(path.Ext(file), ".json"))
		if !isDict {
			return nil, false
		}
	}
	if err != nil {
		r.parseError(err.Line, "%s", err.Msg)
		return r.out, true
	}
	r.checkPython(cfg)
	return r.out, true
}

// sniff decides, cheaply, what a file may be. Binary files are nothing,
// unless their place says they are logrotate files.
func sniff(file string, data []byte) format {
	if logrotatePath(file) {
		return logrotate
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return notLogging
	}
	start := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	switch {
	case iniHeader.Match(data):
		return fileConfig
	case len(start) > 0 && start[0] == '{' && bytes.Contains(data, []byte(`"handlers"`)):
		return dictJSON
	case yamlVersion.Match(data) && yamlHandlers.Match(data):
		return dictYAML
	case len(data) <= maxSize && looksLogrotate(data):
		return logrotate
	}
	return notLogging
}

// logrotatePath recognises logrotate files by place: under a logrotate.d (or
// other logrotate) directory, or named logrotate*.conf. Structured formats
// there (YAML, JSON, INI) are not logrotate syntax.
func logrotatePath(file string) bool {
	base := strings.ToLower(path.Base(file))
	if strings.HasPrefix(base, "logrotate") && strings.HasSuffix(base, ".conf") {
		return true
	}
	switch path.Ext(base) {
	case ".yaml", ".yml", ".json", ".ini", ".toml", ".cfg", ".py", ".md":
		return false
	}
	for _, dir := range strings.Split(path.Dir(file), "/") {
		if strings.HasPrefix(strings.ToLower(dir), "logrotate") {
			return true
		}
	}
	return false
}

// looksLogrotate recognises logrotate syntax by content: it parses as
// logrotate and has a stanza with a rotation directive in it.
func looksLogrotate(data []byte) bool {
	if !bytes.Contains(data, []byte("{")) {
		return false
	}
	stanzas, err := parseLogrotate(data)
	if err != nil {
		return false
	}
	for _, s := range stanzas {
		if s.known > 0 {
			return true
		}
	}
	return false
}
