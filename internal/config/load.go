package config

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/bulwark-sec/bulwark/internal/safefile"
)

// Error is one problem in a config file, with the key path and line it concerns.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one file.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// MaxSize bounds a config file; anything larger is not a config file.
const MaxSize = 1 << 20

// DefaultMaxIgnoreDays is how far ahead an ignore may expire unless the
// runner's --max-ignore-days says otherwise: a repository cannot extend it.
const DefaultMaxIgnoreDays = 365

// Options are what validation needs from outside the file.
type Options struct {
	// Scanners are the names a gate, an ignore or scanners.only/skip may use
	// (the registry's, plus "bulwark" for Bulwark's own findings).
	Scanners []string
	// Sections are the top-level keys scanners own (riskcheck, deps, …).
	Sections []string
	// Now and MaxIgnoreDays bound ignore expiries (0 days = the default).
	Now           time.Time
	MaxIgnoreDays int
	// InTree says the file is inside the scanned tree.
	InTree bool
}

// Load reads and validates a config file. Only a regular file is read: a
// FIFO or a symlink named bulwark.yml is an error, never a hang or a read
// of a file outside the tree.
func Load(path string, opt Options) (*Config, error) {
	data, err := safefile.Read(path, MaxSize)
	switch {
	case errors.Is(err, safefile.ErrTooLarge):
		return nil, Errors{{File: path, Msg: fmt.Sprintf("file is larger than %d bytes; is this really bulwark.yml?", MaxSize)}}
	case err != nil:
		return nil, Errors{{File: path, Msg: fmt.Sprintf("cannot read config: %v", unwrap(err))}}
	}
	return Parse(path, data, opt)
}

func unwrap(err error) error {
	if u := errors.Unwrap(err); u != nil && strings.Contains(err.Error(), "/") {
		return u
	}
	return err
}

// Default is the embedded defaults alone.
func Default(opt Options) *Config {
	c, err := Parse("", nil, opt)
	if err != nil {
		panic("embedded defaults are invalid: " + err.Error()) // caught by tests
	}
	return c
}

// Parse decodes data (the contents of file) over the embedded defaults and
// validates the result.
func Parse(file string, data []byte, opt Options) (*Config, error) {
	c := &Config{}
	var def yaml.Node
	if err := yaml.Unmarshal(defaultsYAML, &def); err != nil {
		return nil, Errors{{File: "<defaults>", Msg: err.Error()}}
	}
	if err := def.Decode(c); err != nil {
		return nil, Errors{{File: "<defaults>", Msg: err.Error()}}
	}
	c.File, c.InTree, c.sections = file, opt.InTree, map[string]*yaml.Node{}
	var errs Errors
	if len(bytes.TrimSpace(data)) > 0 {
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			return nil, yamlErrors(file, err)
		}
		c.root = &root
		doc := &root
		if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
			doc = doc.Content[0]
		}
		if doc.Kind != yaml.MappingNode {
			return nil, Errors{{File: file, Line: doc.Line, Msg: "the file must be a mapping of keys (version, gates, …)"}}
		}
		core := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: doc.Line}
		coreKeys := yamlKeys(reflect.TypeOf(Config{}))
		for i := 0; i+1 < len(doc.Content); i += 2 {
			k, v := doc.Content[i], doc.Content[i+1]
			switch {
			case coreKeys[k.Value] != nil:
				core.Content = append(core.Content, k, v)
			case contains(opt.Sections, k.Value):
				c.sections[k.Value] = v
			default:
				errs = append(errs, &Error{Line: k.Line, Msg: fmt.Sprintf("unknown key %s (known: %s)", ShortKey(k.Value),
					strings.Join(append(sortedKeys(coreKeys), opt.Sections...), ", "))})
			}
		}
		errs = append(errs, strictKeys(core, reflect.TypeOf(Config{}), nil)...)
		if err := core.Decode(c); err != nil {
			errs = append(errs, yamlErrors(file, err)...)
		}
	}
	if len(errs) == 0 {
		errs = c.validate(opt)
	}
	if len(errs) > 0 {
		for _, e := range errs {
			e.File = fileName(file)
		}
		return nil, errs
	}
	return c, nil
}

func fileName(f string) string {
	if f == "" {
		return "<defaults>"
	}
	return f
}

// ShortKey shows at most a short, redacted prefix of a key taken from the
// file: an "unknown key" can be a pasted private key.
func ShortKey(k string) string {
	const max = 12
	r := []rune(k)
	clean := true
	for _, c := range r {
		if c < 0x20 || c == 0x7f || c > 0x7e {
			clean = false
		}
	}
	if len(r) <= max && clean {
		return strconv.Quote(k)
	}
	head := string(r[:min(4, len(r))])
	if !clean {
		head = strconv.QuoteToASCII(head)
		head = head[1 : len(head)-1]
	}
	return fmt.Sprintf("%q (%d characters, shown in part)", head+"…", len(r))
}

// yamlKeys maps the yaml keys of a struct type to their fields' types.
func yamlKeys(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return m
	}
	for name, f := range yamlFields(t) {
		m[name] = f.Type
	}
	return m
}

// yamlFields yields a struct's fields by the key the YAML decoder reads them
// under, in declaration order: the strict-key check and the schema both
// walk the types this one way.
func yamlFields(t reflect.Type) func(yield func(string, reflect.StructField) bool) {
	return func(yield func(string, reflect.StructField) bool) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			if !yield(name, f) {
				return
			}
		}
	}
}

func sortedKeys(m map[string]reflect.Type) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

// strictKeys reports every key of n that t has no field for, at any depth,
// with its line: a typo never silently does nothing.
func strictKeys(n *yaml.Node, t reflect.Type, path []string) Errors {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var errs Errors
	switch t.Kind() {
	case reflect.Struct:
		if t == reflect.TypeOf(time.Time{}) || n.Kind != yaml.MappingNode {
			return nil
		}
		keys := yamlKeys(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := keys[k.Value]
			if !ok {
				errs = append(errs, &Error{Line: k.Line, Key: keyName(path), Msg: fmt.Sprintf("unknown key %s (known: %s)", ShortKey(k.Value), strings.Join(sortedKeys(keys), ", "))})
				continue
			}
			errs = append(errs, strictKeys(v, ft, append(path, k.Value))...)
		}
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for i, c := range n.Content {
				errs = append(errs, strictKeys(c, t.Elem(), append(path, strconv.Itoa(i)))...)
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				errs = append(errs, strictKeys(n.Content[i+1], t.Elem(), append(path, n.Content[i].Value))...)
			}
		}
	}
	return errs
}

var lineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlErrors turns the YAML library's messages ("yaml: unmarshal errors:\n
// line 3: cannot unmarshal …") into Errors with lines.
func yamlErrors(file string, err error) Errors {
	var out Errors
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == "yaml: unmarshal errors:" {
			continue
		}
		e := &Error{File: file, Msg: clipValues(strings.TrimPrefix(l, "yaml: "))}
		if m := lineRe.FindStringSubmatch(l); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Msg = clipValues(tidyYAMLMessage(m[2]))
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		out = Errors{{File: file, Msg: clipValues(err.Error())}}
	}
	return out
}

var quotedValue = regexp.MustCompile("`([^`]*)`")

// clipValues shortens values the YAML library quotes in its messages, so a
// secret typed in the wrong place is not echoed whole.
func clipValues(m string) string {
	return quotedValue.ReplaceAllStringFunc(m, func(q string) string {
		v := q[1 : len(q)-1]
		if len([]rune(v)) <= 12 {
			return q
		}
		return "`" + string([]rune(v)[:4]) + "…`"
	})
}

// tidyYAMLMessage rewrites Go type names out of decoder messages.
func tidyYAMLMessage(m string) string {
	m = regexp.MustCompile(` in type [\w.]+`).ReplaceAllString(m, "")
	m = strings.Replace(m, "field ", "unknown key ", 1)
	m = strings.Replace(m, " not found", "", 1)
	return m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
