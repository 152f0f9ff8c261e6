package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Options are what a renderer may need beyond the report.
type Options struct {
	// OutDir is where the reports were written, for the text summary's
	// pointer to them ("" when they were not).
	OutDir string
}

// Format renders a report in one format.
type Format struct {
	Name string
	// File is the name the format is written to in --out ("" for none).
	File  string
	Write func(w io.Writer, r *Report, opt Options) error
}

// Formats is every output format, the one table the CLI chooses from.
var Formats = []Format{
	{Name: "text", Write: WriteText},
	{Name: "json", File: "bulwark.json", Write: func(w io.Writer, r *Report, _ Options) error { return WriteJSON(w, r) }},
	{Name: "markdown", File: "bulwark.md", Write: func(w io.Writer, r *Report, _ Options) error { return WriteMarkdown(w, r, 0) }},
	{Name: "sarif", File: "bulwark.sarif", Write: func(w io.Writer, r *Report, _ Options) error { return WriteSARIF(w, r) }},
}

// FormatByName finds a format, or says which there are.
func FormatByName(name string) (Format, error) {
	var names []string
	for _, f := range Formats {
		if f.Name == name {
			return f, nil
		}
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return Format{}, fmt.Errorf("unknown --format %q (want %s)", name, strings.Join(names, ", "))
}
