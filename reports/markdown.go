package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/escape"
	"github.com/bulwark-sec/bulwark/internal/finding"
)

// SummaryLimit is GitHub's cap on one step summary (1 MiB); the Markdown
// report stays below it with room for the truncation note.
const SummaryLimit = 1 << 20

// detailsAfter is how many findings of one scanner are shown before the rest
// fold into a <details> block.
const detailsAfter = 10

// WriteMarkdown renders the report for a GitHub job summary: the verdict
// first, a scanners × severity table, gate violations, then findings grouped
// by scanner. It never writes more than limit bytes (0 = SummaryLimit).
func WriteMarkdown(w io.Writer, r *Report, limit int) error {
	if limit <= 0 {
		limit = SummaryLimit
	}
	r.Normalize()
	var head strings.Builder
	writeVerdict(&head, r)
	writeTable(&head, r)
	writeGate(&head, r)
	out := head.String()
	const note = "\n> **Truncated:** this summary hit the size limit; %d finding(s) are not shown. The JSON and SARIF reports have them all.\n"
	budget := limit - len(out) - len(note) - 16
	shown := 0
	var body strings.Builder
	for _, group := range groupByScanner(r.Findings) {
		var sec strings.Builder
		fmt.Fprintf(&sec, "\n### %s (%d)\n\n", escape.MarkdownText(group.name), len(group.findings))
		for i, f := range group.findings {
			if i == detailsAfter {
				// A raw HTML block: Markdown escapes are not read here.
				fmt.Fprintf(&sec, "\n<details><summary>%d more from %s</summary>\n\n", len(group.findings)-detailsAfter, escape.HTML(group.name))
			}
			item := findingItem(f)
			if body.Len()+sec.Len()+len(item) > budget {
				body.WriteString(sec.String())
				if i >= detailsAfter {
					body.WriteString("\n</details>\n")
				}
				out += body.String() + fmt.Sprintf(note, len(r.Findings)-shown)
				_, err := io.WriteString(w, out)
				return err
			}
			sec.WriteString(item)
			shown++
		}
		if len(group.findings) > detailsAfter {
			sec.WriteString("\n</details>\n")
		}
		body.WriteString(sec.String())
	}
	if len(r.Suppressed) > 0 {
		fmt.Fprintf(&body, "\n_%d finding(s) suppressed (inline, config ignores or baseline); see the JSON report._\n", len(r.Suppressed))
	}
	_, err := io.WriteString(w, out+body.String())
	return err
}

func writeVerdict(b *strings.Builder, r *Report) {
	switch r.Verdict {
	case VerdictPass:
		b.WriteString("## ✅ Bulwark: passed\n\n")
	case VerdictFail:
		b.WriteString("## ❌ Bulwark: gate failed\n\n")
	default:
		b.WriteString("## ⚠️ Bulwark: error — a scanner failed, so the result cannot be trusted\n\n")
	}
	fmt.Fprintf(b, "%d finding(s) in %s", len(r.Findings), escape.MarkdownCode(r.Target.Path))
	if r.Target.Commit != "" {
		fmt.Fprintf(b, " at %s", escape.MarkdownCode(fmt.Sprintf("%.12s", r.Target.Commit)))
	}
	fmt.Fprintf(b, " — %d file(s) inventoried, %d ignored.\n\n", r.Inventory.Files, r.Inventory.Ignored)
	for _, s := range r.Scanners {
		if s.Status == "failed" {
			fmt.Fprintf(b, "- **%s failed:** %s\n", escape.MarkdownText(s.Name), escape.MarkdownText(firstLine(s.Error)))
		}
	}
}

func writeTable(b *strings.Builder, r *Report) {
	b.WriteString("\n| scanner | status | read | critical | high | medium | low | info | time |\n")
	b.WriteString("|---|---|---|--:|--:|--:|--:|--:|--:|\n")
	counts := map[string]map[finding.Severity]int{}
	for _, f := range r.Findings {
		if counts[f.Scanner] == nil {
			counts[f.Scanner] = map[finding.Severity]int{}
		}
		counts[f.Scanner][f.Severity]++
	}
	names := []string{}
	for _, s := range r.Scanners {
		names = append(names, s.Name)
		status := escape.MarkdownCell(s.Status)
		if s.Reason != "" {
			status += ": " + escape.MarkdownCell(s.Reason)
		}
		writeRow(b, escape.MarkdownCell(s.Name), status, escape.MarkdownCell(ReadSummary(s.Read)), counts[s.Name], fmt.Sprintf("%.1fs", float64(s.DurationMS)/1000))
	}
	// Findings Bulwark made itself (an expired ignore) have no scanner row.
	var own []string
	for name := range counts {
		if !contains(names, name) {
			own = append(own, name)
		}
	}
	sort.Strings(own)
	for _, name := range own {
		writeRow(b, escape.MarkdownCell(name), "—", "—", counts[name], "—")
	}
}

// writeRow writes one table row; name, status and read are escaped already.
func writeRow(b *strings.Builder, name, status, read string, c map[finding.Severity]int, took string) {
	fmt.Fprintf(b, "| %s | %s | %s |", name, status, read)
	for _, s := range []finding.Severity{finding.Critical, finding.High, finding.Medium, finding.Low, finding.Info} {
		fmt.Fprintf(b, " %d |", c[s])
	}
	fmt.Fprintf(b, " %s |\n", took)
}

func writeGate(b *strings.Builder, r *Report) {
	if len(r.Gate.Violations) > 0 {
		b.WriteString("\n**Gate violations**\n\n")
		for _, v := range r.Gate.Violations {
			fmt.Fprintf(b, "- %s\n", escape.MarkdownText(v.Message))
		}
	}
	for _, n := range r.Gate.Notes {
		fmt.Fprintf(b, "\n> Note: %s\n", escape.MarkdownText(n))
	}
}

type group struct {
	name     string
	findings []finding.Finding
}

// groupByScanner keeps each scanner's findings in report order.
func groupByScanner(fs []finding.Finding) []group {
	idx := map[string]int{}
	var gs []group
	for _, f := range fs {
		i, ok := idx[f.Scanner]
		if !ok {
			i = len(gs)
			idx[f.Scanner] = i
			gs = append(gs, group{name: f.Scanner})
		}
		gs[i].findings = append(gs[i].findings, f)
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].name < gs[j].name })
	return gs
}

func findingItem(f finding.Finding) string {
	loc := f.Path
	if f.StartLine > 0 {
		loc = fmt.Sprintf("%s:%d", f.Path, f.StartLine)
	}
	s := fmt.Sprintf("- **%s** %s %s", strings.ToUpper(f.Severity.String()), escape.MarkdownCode(f.RuleID), escape.MarkdownText(f.Title))
	if len(f.Also) > 0 {
		also := make([]string, len(f.Also))
		for i, a := range f.Also {
			also[i] = escape.MarkdownCode(a)
		}
		s += " (also " + strings.Join(also, ", ") + ")"
	}
	if loc != "" {
		s += " — " + escape.MarkdownCode(loc)
	}
	s += "\n"
	if f.Message != "" {
		s += "  " + escape.MarkdownText(f.Message) + "\n"
	}
	return s
}

// ReadSummary says what a scanner read, "3 files, 2048 bytes, 2 python
// files" in name order (the JSON keeps the counter names, python_files), or
// "nothing".
func ReadSummary(m map[string]int64) string {
	if len(m) == 0 {
		return "nothing"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", m[k], strings.ReplaceAll(k, "_", " "))
	}
	return strings.Join(parts, ", ")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
