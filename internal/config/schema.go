package config

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// SectionSchema describes one scanner's section of bulwark.yml.
type SectionSchema struct {
	Name        string
	Description string
	// Options is a value of the section's options type; its yaml tags,
	// and doc, enum, pattern and min tags, make the schema.
	Options any
}

// Schema is the JSON Schema (draft 2020-12) of bulwark.yml, generated from
// the config types and each scanner's options type, so the schema cannot
// drift from what the decoder accepts.
func Schema(sections []SectionSchema) []byte {
	root := typeSchema(reflect.TypeOf(Config{}), "")
	props := root["properties"].(map[string]any)
	for _, s := range sections {
		sub := typeSchema(reflect.TypeOf(s.Options), s.Description)
		if x, ok := s.Options.(SchemaExtender); ok {
			x.ExtendSchema(sub)
		}
		props[s.Name] = sub
	}
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = "https://github.com/bulwark-sec/bulwark/bulwark.schema.json"
	root["title"] = "bulwark.yml"
	root["description"] = "Bulwark's configuration. Every key is optional; unknown keys are errors."
	b, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		panic(err) // only maps, strings and numbers: cannot fail
	}
	return append(b, '\n')
}

// SchemaExtender is an options type that adds to its generated schema what
// its Go types cannot say (the names a map accepts, say).
type SchemaExtender interface{ ExtendSchema(schema map[string]any) }

var durationType = reflect.TypeOf(time.Duration(0))

func typeSchema(t reflect.Type, doc string) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s := map[string]any{}
	if doc != "" {
		s["description"] = doc
	}
	switch {
	case t == durationType:
		s["type"] = "string"
		s["pattern"] = `^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$`
		return s
	}
	switch t.Kind() {
	case reflect.Struct:
		s["type"] = "object"
		s["additionalProperties"] = false
		props := map[string]any{}
		for name, f := range yamlFields(t) {
			p := typeSchema(f.Type, f.Tag.Get("doc"))
			if e := f.Tag.Get("enum"); e != "" {
				p["enum"] = strings.Split(e, ",")
			}
			if pat := f.Tag.Get("pattern"); pat != "" {
				p["pattern"] = pat
			}
			if m := f.Tag.Get("min"); m != "" {
				if v, err := strconv.ParseFloat(m, 64); err == nil {
					p["minimum"] = v
				}
			}
			if m := f.Tag.Get("max"); m != "" {
				if v, err := strconv.ParseFloat(m, 64); err == nil {
					p["maximum"] = v
				}
			}
			props[name] = p
		}
		s["properties"] = props
	case reflect.Slice, reflect.Array:
		s["type"] = "array"
		s["items"] = typeSchema(t.Elem(), "")
	case reflect.Map:
		s["type"] = "object"
		s["additionalProperties"] = typeSchema(t.Elem(), "")
	case reflect.String:
		s["type"] = "string"
	case reflect.Bool:
		s["type"] = "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint32, reflect.Uint64:
		s["type"] = "integer"
	case reflect.Float32, reflect.Float64:
		s["type"] = "number"
	case reflect.Interface:
		s["type"] = []any{"string", "number", "integer", "boolean"}
	}
	return s
}
