package testutil

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	goldhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
)

// gfm renders GitHub-flavoured Markdown: CommonMark with tables,
// strikethrough, linkify (extended autolinks) and task lists. Raw HTML is
// passed through, as cmark-gfm does before GitHub's sanitiser, so that a test
// sees any HTML a string smuggled in.
var gfm = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(goldhtml.WithUnsafe()),
)

// RenderGFM renders Markdown source to HTML as GitHub would, near enough for
// tests of escaping.
func RenderGFM(t testing.TB, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := gfm.Convert([]byte(src), &b); err != nil {
		t.Fatalf("goldmark: %v", err)
	}
	return b.String()
}

// HTML is rendered HTML read back as tokens, for assertions on what elements
// a rendering made and what text it shows.
type HTML []html.Token

// ParseHTML tokenises s (it does not build a tree, so nothing is reordered or
// added).
func ParseHTML(s string) HTML {
	var toks HTML
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		if z.Next() == html.ErrorToken {
			if z.Err() != io.EOF {
				toks = append(toks, html.Token{Type: html.ErrorToken, Data: z.Err().Error()})
			}
			return toks
		}
		toks = append(toks, z.Token())
	}
}

// Tags lists the start, end and self-closing tags in order, with their
// attributes: the structure of the document without its text.
func (h HTML) Tags() []string {
	var tags []string
	for _, t := range h {
		switch t.Type {
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken, html.DoctypeToken, html.ErrorToken:
			tags = append(tags, t.String())
		}
	}
	return tags
}

// Count is how many elements named name the document opens.
func (h HTML) Count(name string) int {
	n := 0
	for _, t := range h {
		if (t.Type == html.StartTagToken || t.Type == html.SelfClosingTagToken) && t.Data == name {
			n++
		}
	}
	return n
}

// Text is the document's text content, character references decoded.
func (h HTML) Text() string {
	var b strings.Builder
	for _, t := range h {
		if t.Type == html.TextToken {
			b.WriteString(t.Data)
		}
	}
	return b.String()
}

// TextIn is the text content of each element named name, in order (elements
// of that name are not expected to nest).
func (h HTML) TextIn(name string) []string {
	var out []string
	var b *strings.Builder
	for _, t := range h {
		switch {
		case t.Type == html.StartTagToken && t.Data == name:
			b = &strings.Builder{}
		case t.Type == html.EndTagToken && t.Data == name && b != nil:
			out = append(out, b.String())
			b = nil
		case t.Type == html.TextToken && b != nil:
			b.WriteString(t.Data)
		}
	}
	return out
}

// Comments lists the contents of the document's HTML comments.
func (h HTML) Comments() []string {
	var out []string
	for _, t := range h {
		if t.Type == html.CommentToken {
			out = append(out, t.Data)
		}
	}
	return out
}
