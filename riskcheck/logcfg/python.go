package logcfg

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// handler is a Python logging handler, whatever syntax declared it.
type handler struct {
	name      string
	class     string
	filename  string
	level     string
	formatter string
	when      string // TimedRotatingFileHandler's interval unit
	maxBytes  num
	backups   num
	line      int
}

// num is a numeric setting as written: raw is empty when it is not set, ok
// false when it is set but not a number this check can read.
type num struct {
	raw string
	val int64
	ok  bool
}

// formatter is what decides a formatter's output, lower-cased: its class or
// factory (and any other setting, such as a structlog processor), and its
// format string.
type formatter struct{ class, format string }

// config is a Python logging configuration in neutral form.
type config struct {
	handlers   []handler
	formatters map[string]formatter
	line       int // where the handlers are declared
}

// handlerKind is what a handler does with its file.
type handlerKind int

const (
	notFile      handlerKind = iota // console, syslog, queue, network…
	plainFile                       // FileHandler, WatchedFileHandler, or another class given a filename
	sizeRotating                    // RotatingFileHandler and look-alikes
	timeRotating                    // TimedRotatingFileHandler and look-alikes
)

func classify(h handler) handlerKind {
	base := strings.ToLower(h.class[strings.LastIndexByte(h.class, '.')+1:])
	switch {
	case strings.Contains(base, "timedrotating"):
		return timeRotating
	case strings.Contains(base, "rotating"):
		return sizeRotating
	case strings.Contains(base, "filehandler") || h.filename != "":
		return plainFile
	}
	return notFile
}

const (
	rotatingFix = "use logging.handlers.RotatingFileHandler with maxBytes=104857600 and backupCount=10"
	jsonClass   = "pythonjsonlogger.jsonlogger.JsonFormatter"
)

// checkPython applies the rules to a dictConfig or fileConfig.
func (r *report) checkPython(cfg *config) {
	r.subjectKey = "handler"
	var files []handler
	for _, h := range cfg.handlers {
		desc := fmt.Sprintf("handler %s (%s)", h.name, h.class)
		switch classify(h) {
		case notFile:
			continue
		case plainFile:
			i := issue{rule: "logging.no_rotation", sev: finding.Medium, line: h.line, subject: h.name, title: "Log file never rotates",
				why:      fmt.Sprintf("%s writes %s and never rotates: the file grows until the disk is full", desc, orDefault(h.filename, "its file")),
				deployed: h.class, limit: "a RotatingFileHandler with maxBytes ≤ 104857600 and backupCount ≥ 10", fix: rotatingFix, help: pyHandlers + "#rotatingfilehandler"}
			if strings.Contains(strings.ToLower(h.class), "watched") {
				i.why = desc + " leaves rotation to an outside tool such as logrotate, which this file does not configure"
				i.fix += ", or keep WatchedFileHandler and add a logrotate stanza for " + orDefault(h.filename, "the file") + " with size 100M and rotate 10"
			}
			r.add(i)
		case sizeRotating:
			r.sizeLimit(h, desc)
			r.backups(h, desc, false)
		case timeRotating:
			r.add(issue{rule: "logging.rotation_size", sev: finding.Medium, line: h.line, subject: h.name, title: "Log rotation by time only",
				why:      fmt.Sprintf("%s rotates every %s with no size limit: one noisy day can fill the disk", desc, orDefault(h.when, "h")),
				deployed: "time-based (when=" + orDefault(h.when, "h") + ")", limit: "maxBytes ≤ 104857600 (100 MB)", fix: rotatingFix,
				help: pyHandlers + "#timedrotatingfilehandler"})
			r.backups(h, desc, true)
		}
		files = append(files, h)
	}
	checked := files
	if len(files) == 0 {
		checked = cfg.handlers // console-only logging should still be JSON
	}
	for _, h := range checked {
		if f, ok := cfg.formatters[h.formatter]; ok && (strings.Contains(f.class, "json") || jsonTemplate(f.format)) {
			continue
		}
		r.add(issue{rule: "logging.json_format", sev: finding.Low, line: h.line, subject: h.name, title: "Logs are not JSON",
			why:      fmt.Sprintf("handler %s uses %s, which writes plain text that audit and alerting tools cannot parse reliably", h.name, formatterName(h.formatter)),
			deployed: orDefault(h.formatter, "default (plain text)"), limit: "a JSON formatter", help: pyConfig + "#dictionary-schema-details",
			fix: "give the handler a formatter with class " + jsonClass + " (or a JSON format template)"})
	}
	r.errorLog(cfg, files)
}

func (r *report) sizeLimit(h handler, desc string) {
	i := issue{rule: "logging.rotation_size", sev: finding.Medium, line: h.line, subject: h.name, deployed: h.maxBytes.raw,
		limit: "maxBytes ≤ 104857600 (100 MB)", fix: "set maxBytes=104857600", help: pyHandlers + "#rotatingfilehandler"}
	switch m := h.maxBytes; {
	case m.raw == "" || m.ok && m.val <= 0:
		i.title, i.deployed = "Log rotation without a size limit", orDefault(m.raw, "unset (0)")
		i.why = desc + " has maxBytes " + i.deployed + ": it never rotates, so the file grows until the disk is full"
	case !m.ok:
		i.title = "Log rotation size unverifiable"
		i.why = desc + " has maxBytes " + clip(m.raw) + ", which is not a number this check can read"
	case m.val > maxBytes:
		i.title = "Log rotation size above 100 MB"
		i.why = fmt.Sprintf("%s rotates at %d bytes (%.0f MB)", desc, m.val, float64(m.val)/(1<<20))
	default:
		return
	}
	r.add(i)
}

func (r *report) backups(h handler, desc string, timed bool) {
	i := issue{rule: "logging.rotation_backups", sev: finding.Low, line: h.line, subject: h.name, deployed: h.backups.raw,
		limit: "backupCount ≥ 10", fix: "set backupCount=10", help: pyHandlers + "#rotatingfilehandler"}
	switch b := h.backups; {
	case b.raw == "" || b.ok && b.val <= 0:
		i.sev, i.title, i.deployed = finding.Medium, "Log never rolls over (backupCount 0)", orDefault(b.raw, "unset (0)")
		i.why = desc + " has backupCount " + i.deployed + ": RotatingFileHandler then never rolls over and the file grows without limit"
		if timed {
			i.title = "Rotated logs never deleted (backupCount 0)"
			i.why = desc + " has backupCount " + i.deployed + ": old files are never deleted and pile up without limit"
		}
	case !b.ok:
		i.title = "Log retention unverifiable"
		i.why = desc + " has backupCount " + clip(b.raw) + ", which is not a number this check can read"
	case b.val < minBackups:
		i.title = "Too few rotated logs kept"
		i.why = fmt.Sprintf("%s keeps only %d rotated files: older history is deleted", desc, b.val)
	default:
		return
	}
	r.add(i)
}

// errorLog passes when a file handler at level ERROR or above writes a file
// no other handler writes.
func (r *report) errorLog(cfg *config, files []handler) {
	writers := map[string]int{}
	for _, h := range files {
		writers[h.filename]++
	}
	deployed := "no file handler at level ERROR"
	for _, h := range files {
		if levelNo(h.level) >= 40 && h.filename != "" {
			if writers[h.filename] == 1 {
				return
			}
			deployed = "handler " + h.name + " shares " + h.filename + " with another handler"
		}
	}
	r.add(issue{rule: "logging.error_log", sev: finding.Low, line: cfg.line, title: "No separate error log",
		why: deployed + ": errors drown in the main log", deployed: deployed, limit: "a file handler with level ERROR writing its own file",
		fix: "add a RotatingFileHandler with level ERROR and its own filename, e.g. error.log", help: pyConfig + "#dictionary-schema-details"})
}

// levelNo reads a Python level name or number; unknown levels are 0.
func levelNo(s string) int {
	s = strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(s, "logging.")))
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return map[string]int{"CRITICAL": 50, "FATAL": 50, "ERROR": 40, "WARNING": 30, "WARN": 30, "INFO": 20, "DEBUG": 10}[s]
}

var jsonKey = regexp.MustCompile(`"[^"\n]+"\s*:`)

// jsonTemplate recognises a format string that renders JSON, such as
// {"time": "%(asctime)s", "msg": "%(message)s"}.
func jsonTemplate(f string) bool {
	f = strings.TrimSpace(f)
	return strings.HasPrefix(f, "{") && strings.HasSuffix(f, "}") && jsonKey.MatchString(f)
}

// number reads a numeric setting: an integer (underscores allowed), an
// integral float, or a product of integers such as 100*1024*1024, which
// fileConfig's evaluated args often hold.
func number(raw string) num {
	s := strings.TrimSpace(raw)
	n := num{raw: s}
	if s == "" || len(s) > 64 {
		return n
	}
	if f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64); err == nil && !strings.ContainsAny(s, "xXpPnN") {
		if f == math.Trunc(f) && math.Abs(f) < 1<<62 {
			n.val, n.ok = int64(f), true
		}
		return n
	}
	prod := int64(1)
	for _, part := range strings.Split(s, "*") {
		v, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(part), "_", ""), 10, 64)
		if err != nil || v < 0 || v > 0 && prod > math.MaxInt64/v {
			return n
		}
		prod *= v
	}
	n.val, n.ok = prod, true
	return n
}

func formatterName(f string) string {
	if f == "" {
		return "the default formatter"
	}
	return "formatter " + f
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// clip quotes at most 40 runes of s for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return strconv.Quote(s)
}
