package logcfg

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// checkLogrotate applies the rotation rules to each stanza.
func (r *report) checkLogrotate(stanzas []stanza) {
	r.subjectKey = "logs"
	for _, s := range stanzas {
		logs := strings.Join(s.paths, " ")
		r.rotationSize(s, logs)
		r.rotateCount(s, logs)
	}
}

// rotationSize passes when size or maxsize caps the logs at 100M. size
// only counts when it came after the last time criterion (daily, weekly…):
// in logrotate the last of them wins. maxsize always applies.
func (r *report) rotationSize(s stanza, logs string) {
	i := issue{rule: "logging.rotation_size", sev: finding.Medium, line: s.line, subject: logs, limit: "size or maxsize ≤ 100M",
		fix: "add maxsize 100M to the stanza", help: lrMan}
	limit, by, name := int64(-1), directive{}, ""
	for _, c := range []struct {
		name    string
		d       directive
		applies bool
	}{{"maxsize", s.maxsize, true}, {"size", s.size, s.sizeLast}} {
		if c.d.line == 0 || !c.applies {
			continue
		}
		n, ok := size(c.d.value)
		if !ok {
			i.title, i.line, i.deployed = "Unreadable rotation size", c.d.line, c.name+" "+c.d.value
			i.why = fmt.Sprintf("%s: %s %s is not a size logrotate reads (bytes, or a number with k, M or G)", logs, c.name, clip(c.d.value))
			r.add(i)
			return
		}
		if limit < 0 || n < limit {
			limit, by, name = n, c.d, c.name
		}
	}
	switch {
	case limit < 0:
		i.title, i.deployed = "Log rotation without a size limit", "time-based ("+orDefault(s.interval, "no interval")+")"
		i.why = fmt.Sprintf("%s rotates %s with no size limit: one noisy day can fill the disk", logs, orDefault(s.interval, "by time only"))
		if s.size.line != 0 {
			i.line = s.size.line
			i.why = fmt.Sprintf("%s: size %s is overridden by the later %s (the last criterion wins), so there is no size limit", logs, s.size.value, s.interval)
		}
	case limit > maxBytes:
		i.title, i.line, i.deployed = "Log rotation size above 100M", by.line, name+" "+by.value
		i.why = fmt.Sprintf("%s: %s %s lets each log grow to %.0f MB", logs, name, by.value, float64(limit)/(1<<20))
	default:
		return
	}
	r.add(i)
}

// rotateCount passes when rotate keeps at least 10 old logs (-1 keeps all).
func (r *report) rotateCount(s stanza, logs string) {
	d := s.rotate
	i := issue{rule: "logging.rotation_backups", sev: finding.Medium, line: s.line, subject: logs, deployed: "rotate " + d.value,
		limit: "rotate ≥ 10", fix: "set rotate 10", help: lrMan}
	n, err := strconv.Atoi(d.value)
	switch {
	case d.line == 0:
		i.title, i.deployed = "No rotate count", "unset (default 0)"
		i.why = logs + " sets no rotate count: logrotate's built-in default, 0, deletes each log as it rotates (distributions' logrotate.conf often sets 4)"
	case err != nil:
		i.title, i.line = "Unreadable rotate count", d.line
		i.why = fmt.Sprintf("%s: rotate %s is not a number", logs, clip(d.value))
	case n == 0:
		i.title, i.line = "Rotated logs are deleted", d.line
		i.why = logs + ": rotate 0 deletes each log as it rotates, so no history is kept"
	case n > 0 && n < minBackups:
		i.sev, i.title, i.line = finding.Low, "Too few rotated logs kept", d.line
		i.why = fmt.Sprintf("%s: rotate %d keeps only %d old logs, older history is deleted", logs, n, n)
	default:
		return // 10 or more, or negative: keep every rotated log
	}
	r.add(i)
}
