package goscan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/securego/gosec/v2"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// fixture is Analyze on testdata/mod with the default options, computed
// once: several tests read it, none changes it.
var fixture struct {
	once sync.Once
	res  *Result
	err  error
}

func fixtureResult(t testing.TB) *Result {
	t.Helper()
	fixture.once.Do(func() {
		opt := testOptions(t, "testdata/mod")
		fixture.res, fixture.err = Analyze(t.Context(), []Module{{Dir: "."}}, opt)
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	if fixture.res == nil {
		t.Fatal("analysing testdata/mod failed in an earlier test")
	}
	return fixture.res
}

// cannotFire are the rules no fixture makes fire, with why. Each names the
// fixture code that would trigger the rule if it could fire;
// TestRuleCoverage checks that the code is there and the rule stays silent,
// so an entry goes as soon as its reason does.
var cannotFire = map[string]struct {
	root, file, code, why string
}{
	"G307": {"testdata/mod", "cmd/web/main.go", "os.Create(p)",
		"G307 reports os.Create when the mode configured for G307 is narrower than os.Create's 0666; " +
			"the default is 0666 itself (rules.NewOsCreatePerms), and Analyze runs gosec with its default " +
			"configuration, so the rule is dead (gosec's own samples make it fire only with G307 set to 0o600)"},
	"G601": {"testdata/oldgo", "alias/alias.go", "&x",
		"G601 returns early unless gosec.GoVersion() is older than 1.22, and that version is process-wide: " +
			"setGoVersion pins GOSECGOVERSION to the toolchain's (go1.26), so even the go 1.21 module " +
			"testdata/oldgo, whose loop variable is shared by all iterations, gets no G601 " +
			"(the CLI run in that module without GOSECGOVERSION does report it)"},
}

// nearMisses is, for every rule, the file of testdata/mod/neg holding code
// one step away from what the rule flags; none of it may be reported.
var nearMisses = map[string]struct{ file, what string }{
	"G101": {"neg/g101.go", "a credential read from the environment; a low-entropy constant named password"},
	"G102": {"neg/g102.go", "net.Listen on 127.0.0.1"},
	"G103": {"neg/g103.go", "unsafe.Sizeof, which is not on gosec's list"},
	"G104": {"neg/g104.go", "errors handled, discarded with _, or of calls gosec allows (strings.Builder, fmt)"},
	"G106": {"neg/g106.go", "ssh.FixedHostKey"},
	"G107": {"neg/g107.go", "http.Get of a constant URL"},
	"G108": {"neg/g108.go", "runtime/pprof instead of net/http/pprof"},
	"G109": {"neg/g109.go", "strconv.Atoi widened to int64"},
	"G110": {"neg/g110.go", "io.CopyN from a gzip reader"},
	"G111": {"neg/g111.go", "http.Dir of a subdirectory"},
	"G112": {"neg/g112.go", "http.Server with ReadHeaderTimeout"},
	"G113": {"neg/g113.go", "Content-Length without Transfer-Encoding"},
	"G114": {"neg/g114.go", "ListenAndServe of an http.Server with timeouts"},
	"G115": {"neg/g115.go", "int to int8 after a range check"},
	"G116": {"neg/g116.go", "right-to-left letters and accents, no bidirectional control character"},
	"G117": {"neg/g117.go", "a secret field tagged json:\"-\""},
	"G118": {"neg/g118.go", "context derived from the caller's, cancel deferred"},
	"G119": {"neg/g119.go", "CheckRedirect bounding hops and setting User-Agent"},
	"G120": {"neg/g120.go", "ParseForm behind http.MaxBytesReader"},
	"G121": {"neg/g121.go", "AddInsecureBypassPattern of one webhook path"},
	"G122": {"neg/g122.go", "WalkDir callback removing through os.Root"},
	"G123": {"neg/g123.go", "VerifyConnection; VerifyPeerCertificate with session tickets disabled"},
	"G124": {"neg/g124.go", "cookie with Secure, HttpOnly and SameSite"},
	"G125": {"neg/g125.go", "url.JoinPath of a url.PathEscape'd segment"},
	"G201": {"neg/g201.go", "a placeholder query; fmt.Sprintf of %d only"},
	"G202": {"neg/g202.go", "concatenation of constants with a placeholder"},
	"G203": {"neg/g203.go", "template.HTML of a constant"},
	"G204": {"neg/g204.go", "exec.CommandContext with constant program and arguments"},
	"G301": {"neg/g301.go", "os.MkdirAll with 0750"},
	"G302": {"neg/g302.go", "os.OpenFile and os.Chmod with 0600"},
	"G303": {"neg/g303.go", "os.CreateTemp"},
	"G304": {"neg/g304.go", "os.ReadFile of a cleaned path and of a constant"},
	"G305": {"neg/g305.go", "zip extraction through os.Root instead of filepath.Join"},
	"G306": {"neg/g306.go", "os.WriteFile with 0600"},
	"G307": {"neg/g307.go", "os.OpenFile with 0600 instead of os.Create"},
	"G401": {"neg/g401.go", "SHA-256"},
	"G402": {"neg/g402.go", "tls.Config with MinVersion TLS 1.2"},
	"G403": {"neg/g403.go", "a 2048-bit RSA key"},
	"G404": {"neg/g404.go", "crypto/rand"},
	"G405": {"neg/g405.go", "AES-GCM"},
	"G406": {"neg/g406.go", "BLAKE2b from x/crypto"},
	"G407": {"neg/g407.go", "a nonce read from crypto/rand per message"},
	"G408": {"neg/g408.go", "PublicKeyCallback reading captured state, returning Permissions"},
	"G501": {"neg/g501.go", "import crypto/sha512"},
	"G502": {"neg/g502.go", "import crypto/aes"},
	"G503": {"neg/g503.go", "import x/crypto/chacha20poly1305"},
	"G504": {"neg/g504.go", "import net/http/fcgi"},
	"G505": {"neg/g505.go", "import crypto/sha3"},
	"G506": {"neg/g506.go", "import x/crypto/blake2s"},
	"G507": {"neg/g507.go", "import x/crypto/sha3"},
	"G601": {"neg/g601.go", "the address of the slice element, not of the range variable"},
	"G602": {"neg/g602.go", "an index behind a length check"},
	"G701": {"neg/g701.go", "request data as a query parameter"},
	"G702": {"neg/g702.go", "a constant command in a handler"},
	"G703": {"neg/g703.go", "filepath.Base of the request's path"},
	"G704": {"neg/g704.go", "a constant upstream URL in a handler"},
	"G705": {"neg/g705.go", "html.EscapeString before the write"},
	"G706": {"neg/g706.go", "request data as a slog attribute"},
	"G707": {"neg/g707.go", "the sender through mail.ParseAddress"},
	"G708": {"neg/g708.go", "a constant template, request data as its input"},
	"G709": {"neg/g709.go", "request data decoded as JSON"},
	"G710": {"neg/g710.go", "a local path with the url.PathEscape'd id"},
}

// cliIssues is the CLI's report on testdata/mod (gosec-cli.json).
func cliIssues(t *testing.T) []cliIssue {
	t.Helper()
	var r cliReport
	if err := json.Unmarshal(testutil.Fixture(t, "gosec-cli.json"), &r); err != nil {
		t.Fatal(err)
	}
	return r.Issues
}

// TestRuleCoverage: every rule of the catalogue has a positive in
// testdata/mod outside neg/, found by Analyze and by the CLI, unless
// cannotFire says why it cannot have one. A gosec upgrade that adds a rule
// fails here until the fixture gains a positive and a near miss for it.
func TestRuleCoverage(t *testing.T) {
	res := fixtureResult(t)
	ours, theirs := map[string]int{}, map[string]int{}
	for _, is := range res.Issues {
		if !strings.HasPrefix(is.Path, "neg/") {
			ours[is.RuleID]++
		}
	}
	for _, c := range cliIssues(t) {
		if !c.Suppressed && !strings.HasPrefix(c.File, "neg/") {
			theirs[c.Rule]++
		}
	}
	fired := 0
	for _, r := range Rules() {
		if _, ok := cannotFire[r.ID]; ok {
			if ours[r.ID] > 0 || theirs[r.ID] > 0 {
				t.Errorf("%s fires now (Analyze %d, CLI %d): drop it from cannotFire", r.ID, ours[r.ID], theirs[r.ID])
			}
			continue
		}
		if ours[r.ID] == 0 {
			t.Errorf("%s: no positive in testdata/mod; add one (and a near miss in neg/)", r.ID)
		}
		if theirs[r.ID] == 0 {
			t.Errorf("%s: the CLI's report has no positive; regenerate it with testdata/regen-cli.sh", r.ID)
		}
		fired++
	}
	for id := range cannotFire {
		if !slices.ContainsFunc(Rules(), func(r finding.Rule) bool { return r.ID == id }) {
			t.Errorf("cannotFire lists %s, which the catalogue does not have", id)
		}
	}
	t.Logf("%d of %d rules fire on testdata/mod", fired, len(Rules()))
}

// TestCannotFire: the code each cannotFire entry names is in its fixture,
// and Analyze reports nothing of the rule there.
func TestCannotFire(t *testing.T) {
	for id, c := range cannotFire {
		t.Run(id, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(c.root, c.file))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(src), c.code) {
				t.Fatalf("%s/%s no longer holds %q", c.root, c.file, c.code)
			}
			res := fixtureResult(t)
			if c.root != "testdata/mod" {
				res = analyze(t, c.root, []Module{{Dir: "."}}, nil)
				if res.Packages == 0 || res.PartialPackages > 0 || len(res.Notes)+len(res.Errors) > 0 {
					t.Fatalf("%s was not analysed in full: packages %d, notes %q, errors %v", c.root, res.Packages, res.Notes, res.Errors)
				}
			}
			for _, is := range res.Issues {
				if is.RuleID == id {
					t.Errorf("%s fires at %s:%d: move it from cannotFire to the positives", id, is.Path, is.Line)
				}
			}
		})
	}
	// G601's reason: gosec's version is the toolchain's, whatever the go line.
	if major, minor, _ := gosec.GoVersion(); major == 1 && minor < 22 {
		t.Errorf("gosec.GoVersion() is 1.%d: G601 can fire; give it a positive", minor)
	}
}

// TestNearMisses: no near miss of neg/ is reported, neither by Analyze nor
// by the CLI, for its own rule or any other; every rule has one.
func TestNearMisses(t *testing.T) {
	res := fixtureResult(t)
	all := slices.Clone(res.Issues)
	for _, s := range res.Suppressed {
		all = append(all, s.Issue)
	}
	cli := cliIssues(t)
	for _, r := range Rules() {
		nm, ok := nearMisses[r.ID]
		if !ok {
			t.Errorf("%s has no near miss in nearMisses", r.ID)
			continue
		}
		if _, err := os.Stat(filepath.Join("testdata/mod", nm.file)); err != nil {
			t.Errorf("%s: %v", r.ID, err)
		}
		for _, is := range all {
			if is.RuleID == r.ID && is.Path == nm.file {
				t.Errorf("%s fires on its near miss (%s): %s", r.ID, nm.what, issueLine(is))
			}
		}
		for _, c := range cli {
			if c.Rule == r.ID && c.File == nm.file {
				t.Errorf("the CLI reports %s on its near miss %s:%s", r.ID, c.File, c.Line)
			}
		}
	}
	if len(nearMisses) != len(Rules()) {
		t.Errorf("nearMisses has %d entries for %d rules", len(nearMisses), len(Rules()))
	}
	// No other rule fires on neg/ either: a near miss is clean code.
	for _, is := range all {
		if strings.HasPrefix(is.Path, "neg/") {
			t.Errorf("finding in the near misses: %s", issueLine(is))
		}
	}
	for _, c := range cli {
		if strings.HasPrefix(c.File, "neg/") {
			t.Errorf("the CLI reports %s at %s:%s", c.Rule, c.File, c.Line)
		}
	}
	// The near misses were analysed in full: a type error would have kept
	// the SSA and taint rules off the package, making them pass for nothing.
	if res.PartialPackages != 0 || len(res.Notes) != 0 || len(res.Errors) != 0 {
		t.Errorf("partial %d, notes %q, errors %v", res.PartialPackages, res.Notes, res.Errors)
	}
	entries, err := os.ReadDir("testdata/mod/neg")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, "neg/"+e.Name())
	}
	for id, nm := range nearMisses {
		if !slices.Contains(files, nm.file) {
			t.Errorf("%s: %s is not in testdata/mod/neg", id, nm.file)
		}
	}
}
