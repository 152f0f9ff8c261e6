package config

import _ "embed"

//go:embed schema.json
var schemaJSON []byte

// Schema is the JSON Schema of bulwark.yml (draft 2020-12).
func Schema() []byte { return schemaJSON }
