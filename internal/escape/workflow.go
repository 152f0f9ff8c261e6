package escape

import (
	"strings"
	"unicode"
)

// GitHub Actions reads a step's stdout and stderr line by line and runs two
// kinds of workflow command: a line whose first non-white-space characters are
// "::" (`::error file=F,line=1::message`), and, from the legacy syntax, a line
// that holds "##[" anywhere (`… ##[add-mask]value`). The runner's parser
// (actions/runner ActionCommand.TryParseV2 and TryParse) unescapes the fields
// below; the escapes here are the toolkit's escapeData and escapeProperty.

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// WorkflowData escapes the message of a workflow command, the part after the
// second "::": `%` as %25, CR as %0D and LF as %0A, so the runner gives back s
// exactly and a newline in s cannot end the command and start another.
func WorkflowData(s string) string { return dataEscaper.Replace(s) }

// WorkflowProperty escapes a property value of a workflow command (file=,
// title=, …): as WorkflowData, plus `:` as %3A and `,` as %2C, so the value
// cannot end the property list or start another property.
func WorkflowProperty(s string) string { return propertyEscaper.Replace(s) }

// WorkflowLine makes s safe to print as one ordinary line on a runner's stdout
// or stderr: it cannot start a workflow command, and it cannot end the line
// and put a command on the next one. It applies Terminal (no CR, LF or other
// control survives), then shows the `[` of every "##[" as `\x5b`, and, when the
// line's first characters after white space and invisible format characters
// are "::", shows the first of those colons as `\x3a`. The terminating newline
// is the caller's to write.
func WorkflowLine(s string) string {
	t := strings.ReplaceAll(Terminal(s), "##[", `##\x5b`)
	rest := strings.TrimLeftFunc(t, trimmedByRunner)
	if strings.HasPrefix(rest, "::") {
		i := len(t) - len(rest)
		t = t[:i] + `\x3a` + t[i+1:]
	}
	return t
}

// trimmedByRunner is a superset of what .NET's String.TrimStart removes
// (Unicode White_Space), widened to every format character so that no
// invisible prefix (U+180E, which older .NET trimmed, is one) lets a "::" line
// through.
func trimmedByRunner(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}
