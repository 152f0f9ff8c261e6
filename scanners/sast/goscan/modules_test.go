package goscan

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
)

func TestFindModules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string // path -> content ("" for a go.mod, whose content is not read)
		want  string            // dir[@work] ...
		errs  []string          // substrings, one per error
	}{
		{name: "root module", files: map[string]string{"go.mod": "", "main.go": ""}, want: "."},
		{name: "ignored directories", files: map[string]string{
			"go.mod": "", "vendor/x/go.mod": "", "a/testdata/go.mod": "", "_tools/go.mod": "", ".git/go.mod": "", "b/.cache/go.mod": "", "c/go.mod": "",
		}, want: ". c"},
		{name: "workspace", files: map[string]string{
			"go.work": "go 1.26\n\nuse (\n\t./a\n\t./b\n)\n", "a/go.mod": "", "b/go.mod": "", "c/go.mod": "",
		}, want: "a@go.work b@go.work c"},
		{name: "workspace with a root module", files: map[string]string{
			"go.work": "go 1.26\nuse .\nuse ./tools\n", "go.mod": "", "tools/go.mod": "",
		}, want: ".@go.work tools@go.work"},
		{name: "nested workspaces: the nearest above wins", files: map[string]string{
			"go.work": "go 1.26\nuse ./svc/a\n", "svc/go.work": "go 1.26\nuse ./a\n", "svc/a/go.mod": "",
		}, want: "svc/a@svc/go.work"},
		{name: "a go.work above wins over one beside", files: map[string]string{
			"x/go.work": "go 1.26\nuse ../y\n", "y/go.work": "go 1.26\nuse .\n", "y/go.mod": "",
		}, want: "y@y/go.work"},
		{name: "use leaving the tree", files: map[string]string{
			"go.work": "go 1.26\nuse ../outside\nuse /abs\nuse ./a\n", "a/go.mod": "",
		}, want: "a@go.work", errs: []string{`go.work:2: use "../outside" points outside the tree`, `go.work:3: use "/abs" is an absolute path`}},
		{name: "use of a directory without go.mod", files: map[string]string{
			"go.work": "go 1.26\nuse ./nothing\nuse ./testdata/m\n", "testdata/m/go.mod": "",
		}, want: "", errs: []string{`use "./nothing" names no module`, `use "./testdata/m" names no module`}},
		{name: "a go.work in an ignored directory", files: map[string]string{
			"testdata/go.work": "go 1.26\nuse ../a\n", "a/go.mod": "",
		}, want: "a"},
		{name: "unparsable go.work", files: map[string]string{"go.work": "use (\n", "go.mod": ""},
			want: ".", errs: []string{"parsing go.work:"}},
		{name: "unreadable go.work", files: map[string]string{"go.work": "\x00unreadable", "go.mod": ""},
			want: ".", errs: []string{"go.work: unreadable"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var paths []string
			for p := range tc.files {
				paths = append(paths, p)
			}
			slices.Sort(paths)
			mods, errs := FindModules(paths, func(rel string) ([]byte, error) {
				c, ok := tc.files[rel]
				if !ok {
					return nil, fs.ErrNotExist
				}
				if strings.HasPrefix(c, "\x00") {
					return nil, errors.New(c[1:])
				}
				return []byte(c), nil
			})
			var got []string
			for _, m := range mods {
				s := m.Dir
				if m.Work != "" {
					s += "@" + m.Work
				}
				got = append(got, s)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("modules %q, want %q", g, tc.want)
			}
			if len(errs) != len(tc.errs) {
				t.Fatalf("errors %v, want %d", errs, len(tc.errs))
			}
			for i, e := range errs {
				if !strings.Contains(e.Error(), tc.errs[i]) {
					t.Errorf("error %q, want it to contain %q", e, tc.errs[i])
				}
			}
		})
	}
}

func TestAssignDirs(t *testing.T) {
	mods := []Module{{Dir: "."}, {Dir: "tools"}, {Dir: "svc/api"}}
	got, err := assignDirs(mods, []string{"cmd/x", ".", "tools", "tools/gen", "svc/api/v1", "svc/other", "testdata/fix", "../up", "a/vendor/b"})
	want := map[string][]string{".": {".", "./cmd/x", "./svc/other"}, "tools": {".", "./gen"}, "svc/api": {"./v1"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("assignDirs: %v, want %v", got, want)
	}
	if err == nil || !strings.Contains(err.Error(), "../up") {
		t.Errorf("err %v, want one naming ../up", err)
	}
	if _, err := assignDirs([]Module{{Dir: "a"}}, []string{"b"}); err == nil {
		t.Error("a directory in no module passed silently")
	}
}

func TestOwner(t *testing.T) {
	mods := []Module{{Dir: "."}, {Dir: "a"}, {Dir: "a/b"}, {Dir: "ab"}}
	for rel, want := range map[string]string{"x": ".", "a": "a", "a/c": "a", "a/b/c": "a/b", "ab/x": "ab", "abc": "."} {
		if o := owner(mods, rel); o == nil || o.Dir != want {
			t.Errorf("owner(%q) = %v, want %q", rel, o, want)
		}
	}
	if o := owner([]Module{{Dir: "a"}}, "b"); o != nil {
		t.Errorf("owner outside every module: %v", o)
	}
}

// FuzzFindModules feeds arbitrary go.work content: FindModules never
// panics, and every module it returns is a go.mod directory of the input,
// with a Work that is a go.work of the input.
func FuzzFindModules(f *testing.F) {
	f.Add("go 1.26\n\nuse (\n\t./a\n\t./b\n)\n", "a")
	f.Add("use ../x\nuse /abs\nuse C:\\x\nuse \"./q u\"\n", "q u")
	f.Add("go 1.26\nuse .\nreplace x => ../y\n", ".")
	f.Add("use (\n", "a/b")
	f.Fuzz(func(t *testing.T, work, modDir string) {
		paths := []string{"go.work", "sub/go.work", modDir + "/go.mod", "a/go.mod"}
		dirs := map[string]bool{}
		for _, p := range paths[2:] {
			dirs[path.Dir(path.Clean(strings.TrimPrefix(p, "/")))] = true
		}
		mods, _ := FindModules(paths, func(string) ([]byte, error) { return []byte(work), nil })
		for _, m := range mods {
			if !dirs[m.Dir] {
				t.Errorf("module %q is not a go.mod directory of the input", m.Dir)
			}
			if m.Work != "" && m.Work != "go.work" && m.Work != "sub/go.work" {
				t.Errorf("work %q is not a go.work of the input", m.Work)
			}
			if m.Dir == ".." || strings.HasPrefix(m.Dir, "../") || ignoredDir(m.Dir) {
				t.Errorf("module %q leaves the tree or is in an ignored directory", m.Dir)
			}
		}
	})
}
