package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
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

// Default is the embedded defaults alone.
func Default() *Config {
	c, err := Parse("<defaults>", nil)
	if err != nil {
		panic("embedded defaults are invalid: " + err.Error()) // caught by tests
	}
	return c
}

// Load reads and validates a config file.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Errors{{File: path, Msg: fmt.Sprintf("cannot read config: %v", errors.Unwrap(err))}}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, Errors{{File: path, Msg: "not a regular file"}}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, Errors{{File: path, Msg: fmt.Sprintf("cannot read config: %v", err)}}
	}
	if len(data) > MaxSize {
		return nil, Errors{{File: path, Msg: fmt.Sprintf("file is larger than %d bytes; is this really bulwark.yml?", MaxSize)}}
	}
	return Parse(path, data)
}

// Parse decodes data (the contents of file) over the embedded defaults and
// validates the result.
func Parse(file string, data []byte) (*Config, error) {
	c := &Config{}
	if err := decode(defaultsYAML, c); err != nil {
		return nil, Errors{{File: "<defaults>", Msg: err.Error()}}
	}
	var root yaml.Node
	if len(bytes.TrimSpace(data)) > 0 {
		if err := yaml.Unmarshal(data, &root); err != nil {
			return nil, yamlErrors(file, err)
		}
		if err := decode(data, c); err != nil {
			return nil, yamlErrors(file, err)
		}
	}
	c.File = file
	if errs := c.validate(&root); len(errs) > 0 {
		for _, e := range errs {
			e.File = file
		}
		return nil, errs
	}
	return c, nil
}

func decode(data []byte, c *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

var lineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlErrors turns the YAML library's messages ("yaml: unmarshal errors:\n
// line 3: field foo not found in type config.Config") into Errors with lines.
func yamlErrors(file string, err error) Errors {
	var out Errors
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == "yaml: unmarshal errors:" {
			continue
		}
		e := &Error{File: file, Msg: strings.TrimPrefix(l, "yaml: ")}
		if m := lineRe.FindStringSubmatch(l); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Msg = tidyYAMLMessage(m[2])
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		out = Errors{{File: file, Msg: err.Error()}}
	}
	return out
}

// tidyYAMLMessage rewrites Go type names out of decoder messages.
func tidyYAMLMessage(m string) string {
	m = regexp.MustCompile(` in type config\.\w+`).ReplaceAllString(m, "")
	m = strings.Replace(m, "field ", "unknown key ", 1)
	m = strings.Replace(m, " not found", "", 1)
	return m
}
