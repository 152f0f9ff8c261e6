// Package logcfg checks logging configurations against the seed's section
// 6.2: rotating handlers with a 100 MB size limit and at least 10 backups,
// JSON-formatted logs, and a separate error log. It reads Python
// logging.config dictConfig documents (YAML or JSON), fileConfig INI files and
// logrotate configurations.
package logcfg

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// The documented rotation policy.
const (
	maxBytes   = 100 << 20 // 100 MB
	minBackups = 10
)

// handler is a logging handler, whatever syntax declared it.
type handler struct {
	name      string
	class     string
	filename  string
	maxBytes  *int64 // nil when not set
	backups   *int64
	level     string
	formatter string
	line      int
}

// config is a Python logging configuration in neutral form.
type config struct {
	handlers   []handler
	formatters map[string]string // name → class or format, lower-cased
	line       int               // where the handlers are declared
}

// Check reads one file. The bool says whether it is a logging configuration
// at all; when it is not, there are no findings. A file that looks like one
// but does not parse returns an error naming the line.
func Check(file string, data []byte) ([]finding.Finding, bool, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, false, nil // binary: not a logging configuration
	}
	switch {
	case isLogrotate(file, data):
		stanzas, err := parseLogrotate(data)
		if err != nil {
			return nil, true, err
		}
		return checkLogrotate(file, stanzas), true, nil
	case bytes.Contains(data, []byte("[handlers]")) && bytes.Contains(data, []byte("[handler_")):
		cfg, err := parseINI(data)
		if err != nil {
			return nil, true, err
		}
		return checkPython(file, cfg), true, nil
	}
	cfg, ok, err := parseDict(data)
	if !ok {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	return checkPython(file, cfg), true, nil
}

// checkPython applies the rules to a dictConfig or fileConfig.
func checkPython(file string, cfg *config) []finding.Finding {
	var out []finding.Finding
	add := func(rule string, sev finding.Severity, h handler, title, msg, deployed, limit, fix string) {
		line := h.line
		if line == 0 {
			line = cfg.line
		}
		out = append(out, finding.Finding{RuleID: rule, Severity: sev, Title: title, Message: msg + "; " + fix,
			Location: finding.Location{Path: file, StartLine: line, EndLine: line}, Identity: rule + " " + h.name,
			Detail: map[string]any{"handler": h.name, "deployed": deployed, "limit": limit, "fix": fix}})
	}
	var files []handler
	errorLog := false
	for _, h := range cfg.handlers {
		class := strings.ToLower(h.class)
		if !strings.Contains(class, "filehandler") && h.filename == "" {
			continue
		}
		files = append(files, h)
		if lvl := strings.ToUpper(h.level); lvl == "ERROR" || lvl == "CRITICAL" || lvl == "40" || lvl == "50" {
			errorLog = true
		}
		switch {
		case strings.Contains(class, "timedrotating"):
			add("logging.rotation_size", finding.Medium, h, "Log rotation without a size limit",
				fmt.Sprintf("handler %s rotates by time only, so one busy day can fill the disk", h.name), "time-based", "100 MB", "use RotatingFileHandler with maxBytes: 104857600")
		case strings.Contains(class, "rotating"):
			switch {
			case h.maxBytes == nil || *h.maxBytes <= 0:
				add("logging.rotation_size", finding.Medium, h, "Log rotation without a size limit",
					fmt.Sprintf("handler %s has no maxBytes, so it never rotates", h.name), "unset", "100 MB", "set maxBytes: 104857600")
			case *h.maxBytes > maxBytes:
				add("logging.rotation_size", finding.Medium, h, "Log rotation size above limit",
					fmt.Sprintf("handler %s rotates at %d bytes, above 100 MB", h.name, *h.maxBytes), fmt.Sprint(*h.maxBytes), "104857600", "set maxBytes: 104857600")
			}
		default:
			add("logging.no_rotation", finding.Medium, h, "Log file without rotation",
				fmt.Sprintf("handler %s (%s) writes %s without rotation", h.name, h.class, h.filename), h.class, "RotatingFileHandler", "use logging.handlers.RotatingFileHandler with maxBytes: 104857600 and backupCount: 10")
			continue
		}
		switch {
		case h.backups == nil || *h.backups == 0:
			add("logging.rotation_backups", finding.Medium, h, "Rotated logs are deleted",
				fmt.Sprintf("handler %s keeps no backups (backupCount 0), so each rotation deletes the log", h.name), "0", "≥ 10", "set backupCount: 10")
		case *h.backups < minBackups:
			add("logging.rotation_backups", finding.Low, h, "Few log backups",
				fmt.Sprintf("handler %s keeps %d backups, fewer than 10", h.name, *h.backups), fmt.Sprint(*h.backups), "≥ 10", "set backupCount: 10")
		}
	}
	checked := files
	if len(checked) == 0 {
		checked = cfg.handlers
	}
	for _, h := range checked {
		f := cfg.formatters[h.formatter]
		if !strings.Contains(f, "json") && !strings.HasPrefix(strings.TrimSpace(f), "{") {
			add("logging.json_format", finding.Low, h, "Logs are not JSON",
				fmt.Sprintf("handler %s does not format records as JSON, so they cannot be analysed as structured audit logs", h.name), orNone(h.formatter), "a JSON formatter", "use pythonjsonlogger.jsonlogger.JsonFormatter (or another JSON formatter)")
		}
	}
	if !errorLog {
		out = append(out, finding.Finding{RuleID: "logging.error_log", Severity: finding.Low, Title: "No separate error log",
			Message:  "no handler writes ERROR and above to a file of its own, so errors drown in the main log; add a rotating handler with level: ERROR and its own filename",
			Location: finding.Location{Path: file, StartLine: cfg.line, EndLine: cfg.line}, Identity: "logging.error_log",
			Detail: map[string]any{"deployed": "none", "limit": "a file handler at level ERROR", "fix": "add an ERROR-level rotating file handler"}})
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "default (plain text)"
	}
	return s
}

// isLogrotate recognises logrotate files by place or by a stanza with a
// logrotate directive.
func isLogrotate(file string, data []byte) bool {
	if strings.Contains(file, "logrotate") {
		return true
	}
	base := strings.ToLower(path.Base(file))
	if strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".json") {
		return false
	}
	return bytes.Contains(data, []byte("{")) && (bytes.Contains(data, []byte("\nrotate ")) || bytes.Contains(data, []byte("\n    rotate ")) || bytes.Contains(data, []byte("\trotate ")))
}
