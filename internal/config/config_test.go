package config

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/riskcheck/limits"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the whole first error line
	}{
		{"syntax", "gates:\n  - scanner: '*'\n    severity: [high\n", "bulwark.yml:2: did not find expected ',' or ']'"},
		{"unknown key", "version: 1\nscanners:\n  timeout: 2m\n  paralel: 3\n", "bulwark.yml:4: unknown key paralel"},
		{"bad severity", "gates:\n  - scanner: '*'\n    severity: hihg\n", `bulwark.yml:3: gates[0].severity: unknown severity "hihg" (want one of info, low, medium, high, critical)`},
		{"bad version", "version: 2\n", "bulwark.yml:1: version: unsupported version 2 (this Bulwark reads version 1)"},
		{"negative max", "gates:\n  - scanner: deps\n    severity: critical\n    max: -1\n", "bulwark.yml:4: gates[0].max: must be 0 or more"},
		{"ignore without reason", "ignore:\n  - rule: risk.max_leverage\n", "bulwark.yml:2: ignore[0].reason: an ignore needs a reason"},
		{"ignore bad date", "ignore:\n  - rule: x\n    reason: y\n    expires: next week\n", `bulwark.yml:4: ignore[0].expires: "next week" is not a date (want YYYY-MM-DD)`},
		{"loosen without reason", "riskcheck:\n  limits:\n    max_leverage:\n      value: 5x\n", "bulwark.yml:3: riskcheck.limits.max_leverage.reason: 5.0x is looser than the documented 3.0x; loosening a limit needs a reason"},
		{"unknown limit", "riskcheck:\n  limits:\n    max_yolo: {value: 1}\n", "bulwark.yml:3: riskcheck.limits.max_yolo: unknown limit"},
		{"ambiguous override", "riskcheck:\n  limits:\n    max_drawdown: {value: 1}\n", "bulwark.yml:3: riskcheck.limits.max_drawdown.value: ambiguous value"},
		{"timeout type", "scanners:\n  timeout: soon\n", "bulwark.yml:2: cannot unmarshal !!str `soon` into time.Duration"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("bulwark.yml", []byte(tc.in))
			if err == nil {
				t.Fatal("accepted")
			}
			first := strings.SplitN(err.Error(), "\n", 2)[0]
			if !strings.HasPrefix(first, tc.want) {
				t.Errorf("error\n got: %s\nwant: %s", first, tc.want)
			}
		})
	}
}

func TestParseMergesOverDefaults(t *testing.T) {
	c, err := Parse("bulwark.yml", []byte(`
scanners:
  timeout: 90s
riskcheck:
  limits:
    max_leverage: {value: 2}
    max_daily_loss: {value: "$80,000", reason: "desk approved 2026-10"}
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Scanners.Timeout.Seconds() != 90 || c.Riskcheck.Environment != "auto" || len(c.Gates) != 1 {
		t.Fatalf("defaults not kept: %+v", c)
	}
	lev, _ := limits.ByID("max_leverage")
	v, ov := c.Riskcheck.Effective(lev)
	if v != 2 || ov == nil || ov.Looser {
		t.Errorf("tightened leverage = %v %+v", v, ov)
	}
	loss, _ := limits.ByID("max_daily_loss")
	if v, ov := c.Riskcheck.Effective(loss); v != 80000 || !ov.Looser || ov.Line != 7 {
		t.Errorf("loosened daily loss = %v %+v", v, ov)
	}
	if g := c.Gates[0]; g.Severity != finding.High || g.Scanner != "*" {
		t.Errorf("default gate = %+v", g)
	}
}

func TestLoadRejectsNonFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("directory: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yml")); err == nil || !strings.Contains(err.Error(), "missing.yml") {
		t.Errorf("missing: %v", err)
	}
	big := filepath.Join(dir, "big.yml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("#"), MaxSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big: %v", err)
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("bulwark.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("bulwark.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// yamlToJSONValue converts YAML into the value model the schema validator reads.
func yamlToJSONValue(t *testing.T, data []byte) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(nodeValue(&n))
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// nodeValue converts YAML to plain values the way bulwark.yml is read: an
// unquoted date stays the string the config field receives.
func nodeValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return nodeValue(n.Content[0])
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, nodeValue(c))
		}
		return l
	}
	if n.Tag == "!!timestamp" {
		return n.Value
	}
	var v any
	_ = n.Decode(&v)
	return v
}

func TestDefaultsAndExamplesMatchSchema(t *testing.T) {
	s := compileSchema(t)
	docs := map[string][]byte{"defaults.yml": defaultsYAML}
	for _, p := range []string{"../../testdata/demo/bulwark.yml", "../../bulwark.example.yml"} {
		if b, err := os.ReadFile(p); err == nil {
			docs[p] = b
		}
	}
	for name, b := range docs {
		if err := s.Validate(yamlToJSONValue(t, b)); err != nil {
			t.Errorf("%s does not match the schema: %v", name, err)
		}
		if _, err := Parse(name, b); err != nil {
			t.Errorf("%s does not parse: %v", name, err)
		}
	}
	bad := yamlToJSONValue(t, []byte("gates:\n  - scanner: '*'\n    severity: hihg\n"))
	if s.Validate(bad) == nil {
		t.Error("schema accepted an unknown severity")
	}
}

func TestSchemaListsEveryOverridableLimit(t *testing.T) {
	var doc struct {
		Properties struct {
			Riskcheck struct {
				Properties struct {
					Limits struct {
						PropertyNames struct {
							Enum []string `json:"enum"`
						} `json:"propertyNames"`
					} `json:"limits"`
				} `json:"properties"`
			} `json:"riskcheck"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Schema(), &doc); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, l := range limits.Table {
		if l.Op != limits.Exists {
			want = append(want, l.ID)
		}
	}
	got := doc.Properties.Riskcheck.Properties.Limits.PropertyNames.Enum
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("schema limits %v, table %v", got, want)
	}
}
