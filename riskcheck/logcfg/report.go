package logcfg

import (
	"fmt"
	"strconv"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

const (
	pyHandlers = "https://docs.python.org/3/library/logging.handlers.html"
	pyConfig   = "https://docs.python.org/3/library/logging.config.html"
	lrMan      = "https://man7.org/linux/man-pages/man8/logrotate.8.html"
)

// cwes are the weaknesses behind the rules: an unbounded log fills the
// disk (and a full disk stops a trading bot's writes); lost or
// undistinguished logs leave incidents without an audit trail.
var cwes = map[string]string{
	"logging.no_rotation":      "CWE-400",
	"logging.rotation_size":    "CWE-400",
	"logging.rotation_backups": "CWE-778",
	"logging.error_log":        "CWE-778",
}

// ParseError names the line a logging configuration stops making sense.
type ParseError struct {
	Line int // 0 when unknown
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return "line " + strconv.Itoa(e.Line) + ": " + e.Msg
	}
	return e.Msg
}

// issue is one failed rule before it becomes a finding.
type issue struct {
	rule     string
	sev      finding.Severity
	line     int
	subject  string // the handler name or logrotate paths: with the rule, the identity
	title    string
	why      string // what is deployed and what it means
	deployed string
	limit    string
	fix      string
	help     string
}

// report gathers the findings for one file.
type report struct {
	path       string
	subjectKey string // the Detail key naming the subject: "handler" or "logs"
	syntaxHelp string // the reference for the file's syntax
	out        []finding.Finding
}

// add turns an issue into a finding. The identity is the rule and the
// handler or log path, never a line, so the fingerprint survives edits.
func (r *report) add(i issue) {
	f := finding.Finding{Scanner: "riskcheck", RuleID: i.rule, Severity: i.sev, Title: i.title,
		Message:  i.why + "; required is " + i.limit + seedRef(i.rule) + "; fix: " + i.fix,
		Location: finding.Location{Path: r.path, StartLine: i.line, EndLine: i.line},
		HelpURI:  i.help, Identity: i.rule + " " + i.subject,
		Detail: map[string]any{"deployed": i.deployed, "limit": i.limit, "fix": i.fix}}
	if r.subjectKey != "" && i.subject != "" {
		f.Detail[r.subjectKey] = i.subject
	}
	if c := cwes[i.rule]; c != "" {
		f.CWE = []string{c}
	}
	r.out = append(r.out, f)
}

// seedRef cites the seed's section for the documented rules.
func seedRef(rule string) string {
	if rule == "logging.parse_error" {
		return ""
	}
	return " (seed 6.2)"
}

// parseError reports a logging configuration that cannot be read.
func (r *report) parseError(line int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if line > 0 {
		msg = "line " + strconv.Itoa(line) + ": " + msg
	}
	r.add(issue{rule: "logging.parse_error", sev: finding.Medium, line: line, subject: "syntax",
		title: "Logging configuration cannot be parsed", why: msg + ", so its rotation and format were not checked",
		deployed: "unparseable", limit: "a configuration Python's logging.config or logrotate accepts",
		fix: "correct the syntax (loading the file with logging.config, or logrotate -d, shows the error)", help: r.syntaxHelp})
}
