package deps

import (
	"context"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"

	cpb "github.com/google/osv-scalibr/binary/proto/config_go_proto"
	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem"
	"github.com/google/osv-scalibr/extractor/filesystem/language/javascript/packagelockjson"
	fslist "github.com/google/osv-scalibr/extractor/filesystem/list"
	"github.com/google/osv-scalibr/extractor/filesystem/osv"
	"github.com/google/osv-scalibr/inventory"
	"github.com/google/osv-scalibr/plugin"
	"github.com/google/osv-scalibr/plugin/config"
	"github.com/google/osv-scalibr/purl"
	"github.com/google/osv-scanner/v2/pkg/osvscanner"
)

// packageLockName names our package-lock.json extractor among osv-scalibr's
// plugins. osv-scalibr's own (javascript/packagelockjson) finds each
// package's line with a gjson lookup from the top of the file, which is
// quadratic: a scan of a 16k-package lockfile took 46 s, and a 120k one would
// take over half an hour, past any deadline (issue #10). Ours reads the same
// packages and finds every line in one pass: 0.6 s and 5 s.
const packageLockName = "bulwark/packagelockjson"

// osv-scanner resolves plugins by name through osv-scalibr's registry, so
// ours is registered once, before any scan, in no preset: only
// usePackageLock enables it.
func init() {
	fslist.RegisterExtractor(packageLockName, newPackageLockExtractor, nil)
}

// builtinPackageLock makes Scan keep osv-scalibr's extractor. Only tests set
// it, to compare the two.
var builtinPackageLock bool

// usePackageLock swaps osv-scalibr's package-lock.json extractor for ours.
// Disabled plugins win over the "lockfile" preset osv-scanner enables.
func usePackageLock(a *osvscanner.ExperimentalScannerActions) {
	if builtinPackageLock {
		return
	}
	a.PluginsDisabled = append(a.PluginsDisabled, packagelockjson.Name)
	a.PluginsEnabled = append(a.PluginsEnabled, packageLockName)
}

// packageLockExtractor is osv-scalibr's packagelockjson.Extractor with the
// line finder replaced: same files, packages, versions, commits, dependency
// groups and lines (packagelock_test.go compares them).
type packageLockExtractor struct{ maxFileSizeBytes int64 }

func newPackageLockExtractor(cfg *config.PluginConfig) (filesystem.Extractor, error) {
	var pc *cpb.PluginConfig
	if cfg != nil {
		pc = cfg.ProtoConfig
	}
	limit := pc.GetMaxFileSizeBytes()
	specific := plugin.FindConfig(pc, func(c *cpb.PluginSpecificConfig) *cpb.JavascriptPackageLockJsonConfig {
		return c.GetJavascriptPackageLockJson()
	})
	if s := specific.GetMaxFileSizeBytes(); s > 0 {
		limit = s
	}
	return &packageLockExtractor{maxFileSizeBytes: limit}, nil
}

func (*packageLockExtractor) Name() string                       { return packageLockName }
func (*packageLockExtractor) Version() int                       { return 0 }
func (*packageLockExtractor) Requirements() *plugin.Capabilities { return &plugin.Capabilities{} }

// FileRequired matches package-lock.json and npm-shrinkwrap.json outside
// node_modules: a lockfile inside an installed package is not the project's.
func (e *packageLockExtractor) FileRequired(api filesystem.FileAPI) bool {
	p := api.Path()
	if base := filepath.Base(p); base != "package-lock.json" && base != "npm-shrinkwrap.json" {
		return false
	}
	if slices.Contains(strings.Split(filepath.ToSlash(filepath.Dir(p)), "/"), "node_modules") {
		return false
	}
	info, err := api.Stat()
	return err == nil && (e.maxFileSizeBytes <= 0 || info.Size() <= e.maxFileSizeBytes)
}

// Extract reads one lockfile. npm ignores package-lock.json when
// npm-shrinkwrap.json sits beside it, and so does this.
func (e *packageLockExtractor) Extract(_ context.Context, input *filesystem.ScanInput) (inventory.Inventory, error) {
	if filepath.Base(input.Path) == "package-lock.json" {
		if f, err := input.FS.Open(path.Join(filepath.ToSlash(filepath.Dir(input.Path)), "npm-shrinkwrap.json")); err == nil {
			_ = f.Close()
			return inventory.Inventory{}, nil
		}
	}
	data, err := io.ReadAll(input.Reader)
	if err != nil {
		return inventory.Inventory{}, fmt.Errorf("could not read: %w", err)
	}
	pkgs, err := parsePackageLock(data)
	if err != nil {
		return inventory.Inventory{}, err
	}
	out := make([]*extractor.Package, len(pkgs))
	for i, p := range pkgs {
		out[i] = &extractor.Package{
			Name:       p.name,
			Version:    p.version,
			SourceCode: &extractor.SourceCodeIdentifier{Commit: p.commit},
			PURLType:   purl.TypeNPM,
			Metadata:   &osv.DepGroupMetadata{DepGroupVals: p.groups},
			Location:   extractor.LocationFromPathAndLine(input.Path, p.line),
		}
	}
	return inventory.Inventory{Packages: out}, nil
}
