package riskcheck

import (
	"context"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/scanners"
)

// walk builds the tree view of a directory for a test.
func walk(t testing.TB, root string) *scanners.Inventory {
	t.Helper()
	inv, _, err := scanners.Open(context.Background(), root, scanners.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

// options decodes a riskcheck section the way the registry does.
func options(t testing.TB, yml string) Options {
	t.Helper()
	cfg, err := config.Parse("bulwark.yml", []byte(yml), config.Options{Scanners: []string{"riskcheck"}, Sections: []string{"riskcheck"}})
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions()
	sec := cfg.Section("riskcheck")
	if errs := sec.Decode(&o); len(errs) > 0 {
		t.Fatal(errs)
	}
	if errs := o.Validate(sec); len(errs) > 0 {
		t.Fatal(errs)
	}
	o.ConfigFile = "bulwark.yml"
	return o
}
