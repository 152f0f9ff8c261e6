package logcfg

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// maxDepth bounds JSON nesting; a logging configuration is four levels deep.
const maxDepth = 64

// parseJSON reads a JSON document into the same node tree YAML gives, with
// the line of every key and value, so JSON and YAML dictConfigs are checked
// by one reader and findings point at the handler's line. It walks tokens
// with an explicit stack: no recursion, whatever the nesting.
func parseJSON(data []byte) (*yaml.Node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lc := &lineCounter{data: data, line: 1}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Line: 1}
	stack := []*yaml.Node{doc}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, jsonError(err, lc)
		}
		line := lc.at(dec.InputOffset())
		top := stack[len(stack)-1]
		var n *yaml.Node
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if len(stack) > maxDepth {
					return nil, &ParseError{Line: line, Msg: "JSON nested too deeply"}
				}
				kind := yaml.MappingNode
				if t == '[' {
					kind = yaml.SequenceNode
				}
				n = &yaml.Node{Kind: kind, Line: line}
				top.Content = append(top.Content, n)
				stack = append(stack, n)
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		case string:
			n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: t}
		case json.Number:
			n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: t.String()}
			if _, err := t.Int64(); err == nil {
				n.Tag = "!!int"
			}
		case bool:
			n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(t)}
		default:
			n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
		}
		n.Line = line
		top.Content = append(top.Content, n)
	}
	if len(doc.Content) != 1 {
		return nil, &ParseError{Line: lc.line, Msg: "expected one JSON value"}
	}
	return doc, nil
}

// jsonError gives a JSON syntax error its line.
func jsonError(err error, lc *lineCounter) *ParseError {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &ParseError{Line: lc.at(se.Offset), Msg: se.Error()}
	}
	return &ParseError{Line: lc.line, Msg: err.Error()}
}

// lineCounter turns byte offsets into line numbers. Offsets arrive in
// increasing order, so it counts each newline once.
type lineCounter struct {
	data []byte
	pos  int64
	line int
}

func (lc *lineCounter) at(off int64) int {
	off = min(max(off, 0), int64(len(lc.data)))
	if off < lc.pos { // out of order: count from the start
		lc.pos, lc.line = 0, 1
	}
	lc.line += bytes.Count(lc.data[lc.pos:off], []byte("\n"))
	lc.pos = off
	return lc.line
}
