package python

import (
	"context"
	"fmt"
	"os/exec"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// sharedBanditIDs are Bandit IDs more than one of our rules carry on
// purpose. There are none: each Bandit test is one rule.
var sharedBanditIDs = map[string]bool{}

func TestCatalogue(t *testing.T) {
	cat := Catalogue()
	if err := (finding.Catalogue{Scanner: "sast", Rules: Rules()}).Check(); err != nil {
		t.Fatal(err)
	}
	idRe := regexp.MustCompile(`^python\.[a-z0-9_]+$`)
	bandit := map[string]string{}
	for i, r := range cat {
		if i > 0 && cat[i-1].ID >= r.ID {
			t.Errorf("catalogue not sorted at %s", r.ID)
		}
		if !idRe.MatchString(r.ID) {
			t.Errorf("rule ID %q is not python.<snake_case>", r.ID)
		}
		if r.Description == "" || r.Fix == "" || len(r.CWE) != 1 || !strings.HasPrefix(r.CWE[0], "CWE-") || r.HelpURI == "" {
			t.Errorf("%s: incomplete entry %+v", r.ID, r)
		}
		switch r.Confidence {
		case "low", "medium", "high":
		default:
			t.Errorf("%s: confidence %q", r.ID, r.Confidence)
		}
		if r.BanditID != "" {
			if !strings.HasPrefix(r.HelpURI, "https://bandit.readthedocs.io/") {
				t.Errorf("%s: help %s is not Bandit's docs", r.ID, r.HelpURI)
			}
			if prev, dup := bandit[r.BanditID]; dup && !sharedBanditIDs[r.BanditID] {
				t.Errorf("Bandit ID %s on %s and %s", r.BanditID, prev, r.ID)
			}
			bandit[r.BanditID] = r.ID
		}
	}
	if len(bandit) != 72 {
		t.Errorf("%d Bandit IDs in the catalogue, want 72 (Bandit 1.6.2's 70, B113, B202)", len(bandit))
	}
	if got := Rules(); len(got) != len(cat) || got[0].ID != cat[0].ID {
		t.Error("Rules() is not the catalogue")
	}
}

// TestCatalogueCoversBandit checks the catalogue against the installed
// Bandit's list of tests, when bandit is on PATH.
func TestCatalogueCoversBandit(t *testing.T) {
	out, err := exec.Command("bandit", "--help").Output()
	if err != nil {
		t.Skip("bandit not installed")
	}
	have := map[string]bool{}
	for _, r := range Catalogue() {
		have[r.BanditID] = true
	}
	n := 0
	for _, m := range regexp.MustCompile(`(?m)^\s+(B\d{3})\s+\w+`).FindAllStringSubmatch(string(out), -1) {
		n++
		if !have[m[1]] {
			t.Errorf("Bandit's %s has no rule", m[1])
		}
	}
	if n < 60 {
		t.Errorf("read only %d tests from bandit --help", n)
	}
}

// everyRuleSource exercises every rule at least once.
const everyRuleSource = `
import os, marshal, hashlib, tempfile, random, ssl, requests, tarfile, yaml, jwt, logging, paramiko, jinja2, httplib, urllib
import subprocess
import pickle, dill, cPickle
import telnetlib
import ftplib
import xml.etree.cElementTree as CET, xml.etree.ElementTree as ET
import xml.sax
import xml.dom.expatbuilder
import xml.dom.minidom
import xml.dom.pulldom
import lxml.etree
import xmlrpclib
from wsgiref.handlers import CGIHandler
from Crypto.Cipher import DES
from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.ciphers import modes
from django.utils.safestring import mark_safe
from django.db.models.expressions import RawSQL
from mako.template import Template
from flask import Flask
import xml.sax.expatreader
assert x
exec(code)
os.chmod(p, 0o777)
HOST = "0.0.0.0"
password = "x1"
f(password="x2")
def g(pwd="x3", v=ssl.PROTOCOL_SSLv2):
    pass
T = "/tmp/x"
try:
    a()
except:
    pass
for i in y:
    try:
        a()
    except Exception:
        continue
requests.get(u, verify=False)
Flask(__name__).run(debug=True)
tarfile.open(p).extractall()
pickle.loads(b); marshal.loads(b); hashlib.md5(b); DES.new(k); modes.ECB(); tempfile.mktemp(); eval(e); mark_safe(s)
httplib.HTTPSConnection(h); urllib.urlopen(u); random.random(); telnetlib.Telnet(h)
CET.parse(f); ET.parse(f); xml.sax.expatreader.create_parser(); xml.dom.expatbuilder.parse(f); xml.sax.parse(f)
xml.dom.minidom.parse(f); xml.dom.pulldom.parse(f); lxml.etree.parse(f); ftplib.FTP(h); input(); ssl._create_unverified_context()
os.tempnam(); hashlib.new("md5")
ssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_SSLv2); ssl.wrap_socket(s)
RSA.generate(1024); yaml.load(s)
c.set_missing_host_key_policy(paramiko.AutoAddPolicy); c.exec_command(cmd)
subprocess.call(cmd, shell=True); subprocess.call(["ls"]); run(cmd, shell=True); os.system(cmd); os.execv(p, a)
q = "SELECT * FROM t WHERE a = %s" % a
os.system("tar cf x *")
qs.extra(where=[w]); RawSQL(sql)
jinja2.Environment(); Template(t)
hashlib.sha256(password)
jwt.decode(t, k, verify=False)
if signature == expected_signature:
    pass
logging.info("token %s", token)
`

func TestEveryRuleFires(t *testing.T) {
	res := analyze(t, everyRuleSource, "")
	fired := map[string]bool{}
	for _, is := range res.Issues {
		fired[is.Rule] = true
	}
	for _, r := range Catalogue() {
		if !fired[r.ID] {
			t.Errorf("rule %s (%s) never fired", r.ID, r.BanditID)
		}
	}
	known := map[string]RuleInfo{}
	for _, r := range Catalogue() {
		known[r.ID] = r
	}
	for _, is := range res.Issues {
		r, ok := known[is.Rule]
		if !ok {
			t.Errorf("emitted rule %s is not in the catalogue", is.Rule)
			continue
		}
		if is.BanditID != r.BanditID || is.CWE != r.CWE[0] {
			t.Errorf("%s: issue carries %s/%s, catalogue %s/%s", is.Rule, is.BanditID, is.CWE, r.BanditID, r.CWE[0])
		}
		if is.Message == "" || strings.ContainsAny(is.Message, "\n\r") || is.Identity == "" || strings.Contains(is.Identity, "\n") {
			t.Errorf("%s: bad message or identity %q %q", is.Rule, is.Message, is.Identity)
		}
	}
}

// TestNoLiteralInMessages plants a distinctive value in every string
// literal the rules read and checks that no message or identity shows it.
func TestNoLiteralInMessages(t *testing.T) {
	const canary = "CANARY7f3q"
	src := strings.NewReplacer(`"x1"`, `"`+canary+`"`, `"x2"`, `"`+canary+`"`, `"x3"`, `"`+canary+`"`, `"/tmp/x"`, `"/tmp/`+canary+`"`,
		`"SELECT * FROM t WHERE a = %s"`, `"SELECT `+canary+` FROM t WHERE a = %s"`, `"tar cf x *"`, `"tar cf `+canary+` *"`,
		`"md5"`, `"md5"`).Replace(everyRuleSource)
	src += "__import__(\"telnetlib\" + \"" + canary + "\")\nimportlib.import_module(\"pickle" + canary + "\")\nimport importlib\nimportlib.import_module(\"pickle" + canary + "\")\n"
	src += "if password == \"" + canary + "\":\n    pass\ncfg[\"password\"] = \"" + canary + "\"\nlog.info(cfg[\"api_key" + canary + "\"])\n"
	res := analyze(t, src, "")
	if len(res.Issues) < 70 {
		t.Fatalf("only %d issues", len(res.Issues))
	}
	for _, is := range res.Issues {
		if strings.Contains(is.Message, canary) || strings.Contains(is.Identity, canary) {
			t.Errorf("%s shows a literal: %q / %q", is.Rule, is.Message, is.Identity)
		}
	}
}

func TestIdentityStable(t *testing.T) {
	a := analyze(t, "import os\ndef f(x):\n    os.system(x)\n    os.system(x)\n", "")
	b := analyze(t, "import os\n\n\n# moved\ndef f(x):\n        os.system(x)\n        os.system(x)\n", "")
	if len(a.Issues) != 2 || len(b.Issues) != 2 {
		t.Fatalf("issues %v %v", a.Issues, b.Issues)
	}
	for i := range a.Issues {
		if a.Issues[i].Identity != b.Issues[i].Identity {
			t.Errorf("identity changed with lines: %q vs %q", a.Issues[i].Identity, b.Issues[i].Identity)
		}
	}
	if a.Issues[0].Identity == a.Issues[1].Identity {
		t.Error("two calls share an identity")
	}
}

func TestParseErrorFile(t *testing.T) {
	src := "import os\ndef broken(:\n    pass\nos.system(cmd)\nclass X(\n"
	res := analyze(t, src, "")
	if res.ParseErrors == 0 || len(res.Notes) == 0 || !strings.Contains(res.Notes[0], "does not parse cleanly") {
		t.Fatalf("parse errors not noted: %d %q", res.ParseErrors, res.Notes)
	}
	if got := summary(res.Issues); len(got) != 1 || got[0] != "B605:4:high" {
		t.Errorf("issues after the error %q", got)
	}
}

func TestTruncatedNote(t *testing.T) {
	src := "import os\nx = " + strings.Repeat("[", 1000) + strings.Repeat("]", 1000) + "\nos.system(c)\n"
	res := analyze(t, src, "")
	found := false
	for _, n := range res.Notes {
		found = found || strings.Contains(n, "nesting truncated at depth 400")
	}
	if !found || len(res.Issues) != 1 {
		t.Errorf("notes %q issues %v", res.Notes, res.Issues)
	}
}

func TestPanicRecovery(t *testing.T) {
	f, err := pyparse.Parse(context.Background(), []byte("import os\nos.system(x)\n"), pyparse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// corrupt the tree: a nil child makes the visitor dereference nil
	call := f.Root.Children[1].Children[0]
	call.Children = append(call.Children, nil)
	res := Analyze(f)
	if len(res.Issues) != 0 || len(res.Notes) == 0 || !strings.Contains(res.Notes[len(res.Notes)-1], "internal error") {
		t.Errorf("panic not turned into a note: %+v", res)
	}
	if r := Analyze(nil); len(r.Notes) != 1 {
		t.Errorf("nil file: %+v", r)
	}
}

func TestConcurrentAnalyze(t *testing.T) {
	srcs := []string{everyRuleSource, "import os\ndef f(a):\n    os.system(a)\n", "def broken(:\n", "x = 1\n"}
	files := make([]*pyparse.File, len(srcs))
	want := make([]string, len(srcs))
	for i, s := range srcs {
		f, err := pyparse.Parse(context.Background(), []byte(s), pyparse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		files[i] = f
		want[i] = fmt.Sprint(Analyze(f))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				k := (g + i) % len(files)
				// the same shared tree, read by many goroutines at once
				if got := fmt.Sprint(Analyze(files[k])); got != want[k] {
					t.Errorf("file %d: result differs between runs", k)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestIsTestFile(t *testing.T) {
	for p, want := range map[string]bool{
		"test_x.py": true, "pkg/x_test.py": true, "conftest.py": true, "a/tests/helpers.py": true, "test/x.py": true,
		"pkg/testing.py": false, "pkg/contest.py": false, "latest/x.py": false, "x.py": false, `a\tests\b.py`: true,
	} {
		if IsTestFile(p) != want {
			t.Errorf("IsTestFile(%q) = %v", p, !want)
		}
	}
}

func TestResultShape(t *testing.T) {
	res := analyze(t, "x = 1\n", "")
	if res.Issues == nil || res.Suppressed == nil || res.Notes == nil {
		t.Error("nil slices in the result")
	}
	if !reflect.DeepEqual(res, analyze(t, "x = 1\n", "")) {
		t.Error("not deterministic")
	}
}
