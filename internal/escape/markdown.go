package escape

import (
	"html"
	"strings"
)

// The Markdown escapes target GitHub-flavoured Markdown as cmark-gfm renders
// it (job summaries, comments), with the table, strikethrough, autolink and
// task-list extensions. Each result is one line: Terminal runs first, so the
// text cannot end a line and start a block of its own.

// MarkdownText renders s as inert inline text: no emphasis, strikethrough,
// link, image, autolink, raw HTML, entity, heading, list, block quote, table
// or code, wherever in a line it is placed. The text a reader sees is
// Terminal(s).
//
// Every ASCII punctuation character is backslash-escaped, which CommonMark
// defines as the literal character; that also breaks GFM's extended autolinks
// (`www\.x\.com`, `https\:\/\/…`), which cmark-gfm finds in the source.
// E-mail autolinks are found after escapes are resolved, so every `@` but a
// leading one is preceded by an empty HTML comment (`<!-- -->`), which ends
// the text node the autolinker scans. Leading and trailing spaces are written
// as `&#32;`, so they are neither stripped nor read as indentation (an
// indented code block).
//
// The result may follow anything but an e-mail address's local part (a
// letter, digit or one of `.+-_` directly before it), since a leading `@` is
// not guarded; Bulwark's templates put it after a space or punctuation.
func MarkdownText(s string) string {
	t := Terminal(s)
	lead := len(t) - len(strings.TrimLeft(t, " "))
	trail := len(t) - len(strings.TrimRight(t, " "))
	var b strings.Builder
	b.Grow(len(t) + len(t)/4 + 8)
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == ' ' && (i < lead || i >= len(t)-trail):
			b.WriteString("&#32;")
		case c == '@' && i > 0:
			b.WriteString(`<!-- -->\@`)
		case isASCIIPunct(c):
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// MarkdownCell renders s as inert text inside a GFM table cell. GFM splits a
// row on every `|` not escaped as `\|`, before any inline parsing; MarkdownText
// already writes `|` as `\|` and keeps leading and trailing spaces, which a
// cell would trim, so MarkdownCell is MarkdownText under a name that says
// where it is used.
func MarkdownCell(s string) string { return MarkdownText(s) }

// MarkdownCode renders s as one inline code span showing Terminal(s): the
// fence is one backtick longer than the longest run of backticks inside, and
// the content is padded with a space on each side where CommonMark would
// otherwise eat a space or merge a backtick into the fence. Nothing inside a
// code span is Markdown, so nothing else needs escaping. An empty s gives "",
// since a code span cannot be empty.
//
// Do not use it in a table cell: use MarkdownCodeCell.
func MarkdownCode(s string) string { return codeSpan(Terminal(s), false) }

// MarkdownCodeCell is MarkdownCode for a GFM table cell. GFM splits cells on
// `|` even inside a code span, and removes the backslash of `\|` before it
// parses the span, so each `|` is written `\|` and the span still shows `|`.
func MarkdownCodeCell(s string) string { return codeSpan(Terminal(s), true) }

func codeSpan(t string, cell bool) string {
	if t == "" {
		return ""
	}
	longest, run := 0, 0
	for i := 0; i < len(t); i++ {
		if t[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	first, last := t[0], t[len(t)-1]
	pad := first == '`' || last == '`' ||
		(first == ' ' && last == ' ' && strings.Trim(t, " ") != "")
	if cell {
		t = strings.ReplaceAll(t, "|", `\|`)
	}
	if pad {
		return fence + " " + t + " " + fence
	}
	return fence + t + fence
}

// HTML escapes s for text inside an HTML element, such as a <summary> in a raw
// HTML block of a Markdown file, where Markdown escapes are not read: `& < >
// " '` become character references, and Terminal shows control characters,
// so the text cannot end the line and with it the HTML block.
func HTML(s string) string { return html.EscapeString(Terminal(s)) }

// isASCIIPunct is CommonMark's ASCII punctuation: the characters a backslash
// escapes.
func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
