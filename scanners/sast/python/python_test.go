package python

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// analyze runs the analyzer on a snippet (tabs are not used in snippets;
// a leading newline is dropped so line 1 is the first code line).
func analyze(t *testing.T, src, path string) *FileResult {
	t.Helper()
	src = strings.TrimPrefix(src, "\n")
	res, err := AnalyzeSourceWith(context.Background(), []byte(src), AnalyzeOptions{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// summary renders issues as "ID:line:severity", ID the Bandit ID or our rule.
func summary(issues []Issue) []string {
	out := []string{}
	for _, is := range issues {
		id := is.BanditID
		if id == "" {
			id = is.Rule
		}
		out = append(out, fmt.Sprintf("%s:%d:%s", id, is.Line, is.Severity))
	}
	return out
}

type ruleCase struct {
	name string
	src  string
	path string
	want []string
}

func runCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := analyze(t, tc.src, tc.path)
			got := summary(res.Issues)
			if tc.want == nil {
				tc.want = []string{}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
				for _, is := range res.Issues {
					t.Logf("  %s line %d: %s", is.Rule, is.Line, is.Message)
				}
			}
		})
	}
}

func TestPluginRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "B101 assert", src: "assert x > 0\n", want: []string{"B101:1:low"}},
		{name: "B101 not in test file", src: "assert x > 0\n", path: "pkg/tests/test_x.py"},
		{name: "B101 not in conftest", src: "assert x\n", path: "conftest.py"},
		{name: "B101 in ordinary file with path", src: "assert x\n", path: "pkg/mod.py", want: []string{"B101:1:low"}},
		{name: "B102 exec tainted", src: "def f(code):\n    exec(code)\n", want: []string{"B102:2:high"}},
		{name: "B102 exec constant", src: "exec('x = 1')\n", want: []string{"B102:1:low"}},
		{name: "B102 exec unknown", src: "exec(load())\n", want: []string{"B102:1:medium"}},
		{name: "B102 exec aliased builtins no", src: "obj.exec(code)\n"},
		{name: "B103 world writable", src: "import os\nos.chmod('/etc/x', 0o777)\n", want: []string{"B103:2:high"}},
		{name: "B103 group exec", src: "import os\nos.chmod(p, 0o750)\n", want: []string{"B103:2:medium"}},
		{name: "B103 fine", src: "import os\nos.chmod(p, 0o600)\nos.chmod(p, mode)\n"},
		{name: "B104", src: "HOST = '0.0.0.0'\n", want: []string{"B104:1:medium"}},
		{name: "B104 docstring-like expression ignored", src: "'0.0.0.0'\n"},
		{name: "B105 assign", src: "password = 'hunter2'\n", want: []string{"B105:1:low"}},
		{name: "B105 chained assign", src: "a = db_password = 'hunter2'\n", want: []string{"B105:1:low"}},
		{name: "B105 compare", src: "if password == 'hunter2':\n    pass\n", want: []string{"B105:1:low"}},
		{name: "B105 subscript key", src: "cfg['password'] = 'hunter2'\n", want: []string{"B105:1:low"}},
		{name: "B105 negatives", src: "passport = 'x'\npassword = ''\npassword: str = 'x'\nname = 'password'\n"},
		{name: "B106", src: "connect(user='u', password='hunter2')\n", want: []string{"B106:1:low"}},
		{name: "B106 non-literal", src: "connect(password=pw)\n"},
		{name: "B107", src: "def f(a, token='abc'):\n    pass\n", want: []string{"B107:1:low"}},
		{name: "B107 async and kw-only", src: "async def f(*, secret='abc'):\n    pass\n", want: []string{"B107:1:low"}},
		{name: "B108", src: "f = open('/tmp/x.log', 'w')\n", want: []string{"B108:1:medium"}},
		{name: "B108 f-string part", src: "p = f'/var/tmp/{name}'\n", want: []string{"B108:1:medium"}},
		{name: "B108 no", src: "p = '/home/tmp'\n"},
		{name: "B110", src: "try:\n    x()\nexcept:\n    pass\n", want: []string{"B110:3:low"}},
		{name: "B110 Exception as e", src: "try:\n    x()\nexcept Exception as e:\n    pass\n", want: []string{"B110:3:low"}},
		{name: "B110 typed exception no", src: "try:\n    x()\nexcept KeyError:\n    pass\n"},
		{name: "B110 two statements no", src: "try:\n    x()\nexcept:\n    log()\n    pass\n"},
		{name: "B112", src: "for i in y:\n    try:\n        x()\n    except Exception:\n        continue\n", want: []string{"B112:4:low"}},
		{name: "B113 missing timeout", src: "import requests\nrequests.get(url)\n", want: []string{"B113:2:medium"}},
		{name: "B113 timeout None", src: "import requests\nrequests.post(url, timeout=None)\n", want: []string{"B113:2:medium"}},
		{name: "B113 ok", src: "import requests\nrequests.get(url, timeout=5)\nrequests.get(url, **kw)\n"},
		{name: "B113 httpx only None", src: "import httpx\nhttpx.get(url)\nhttpx.get(url, timeout=None)\n", want: []string{"B113:3:medium"}},
		{name: "B201", src: "from flask import Flask\napp = Flask(__name__)\napp.run(\n    debug=True)\n", want: []string{"B201:4:high"}},
		{name: "B201 no flask", src: "app.run(debug=True)\n"},
		{name: "B202 plain", src: "import tarfile\nt = tarfile.open(p)\nt.extractall(d)\n", want: []string{"B202:3:high"}},
		{name: "B202 filter data", src: "import tarfile\nt.extractall(d, filter='data')\n"},
		{name: "B202 members function", src: "import tarfile\nt.extractall(d, members=safe(t))\n", want: []string{"B202:2:low"}},
		{name: "B202 members other", src: "import tarfile\nt.extractall(d, members=ms)\n", want: []string{"B202:2:medium"}},
		{name: "B324", src: "import hashlib\nhashlib.new('md5')\nhashlib.new(name='MD4')\nhashlib.new('sha256')\n", want: []string{"B324:2:medium", "B324:3:medium"}},
		{name: "B501", src: "import requests\nrequests.get(u, timeout=3,\n    verify=False)\n", want: []string{"B501:3:high"}},
		{name: "B502", src: "import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_SSLv3)\n", want: []string{"B502:2:high"}},
		{name: "B502 other function", src: "ctx = make(method=SSLv3_METHOD)\n", want: []string{"B502:1:medium"}},
		{name: "B502 pyOpenSSL positional", src: "from OpenSSL import SSL\nSSL.Context(SSL.TLSv1_METHOD)\n", want: []string{"B502:2:high"}},
		{name: "B503", src: "import ssl\ndef f(v=ssl.PROTOCOL_TLSv1):\n    pass\n", want: []string{"B503:2:medium"}},
		{name: "B504", src: "import ssl\nssl.wrap_socket(s)\n", want: []string{"B504:2:low"}},
		{name: "B505 rsa", src: "from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(65537, 1024)\nrsa.generate_private_key(public_exponent=65537, key_size=2048)\n", want: []string{"B505:2:medium"}},
		{name: "B505 dsa high", src: "from Crypto.PublicKey import DSA\nDSA.generate(512)\n", want: []string{"B413:1:high", "B505:2:high"}},
		{name: "B505 ec curve instance", src: "from cryptography.hazmat.primitives.asymmetric import ec\nec.generate_private_key(ec.SECP192R1(), b)\n", want: []string{"B505:2:medium"}},
		{name: "B506", src: "import yaml\nyaml.load(s)\nyaml.load(s, Loader=yaml.SafeLoader)\nyaml.load(s, yaml.CSafeLoader)\n", want: []string{"B506:2:medium"}},
		{name: "B506 from import", src: "from yaml import load\nload(s)\n", want: []string{"B506:2:medium"}},
		{name: "B506 no yaml import", src: "loader.load(s)\n"},
		{name: "B507", src: "import paramiko\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())\nc.set_missing_host_key_policy(paramiko.RejectPolicy)\n", want: []string{"B507:2:high"}},
		{name: "B601", src: "import paramiko\ndef f(cmd):\n    c.exec_command(cmd)\nc.exec_command('ls')\n", want: []string{"B601:3:high", "B601:4:low"}},
		{name: "B609", src: "import os\nos.system('tar cf x.tar *')\n", want: []string{"B607:2:low", "B605:2:low", "B609:2:high"}},
		{name: "B610", src: "qs.extra(where=[user_input])\nqs.extra(select={'a': 'b'})\n", want: []string{"B610:1:medium"}},
		{name: "B611", src: "from django.db.models.expressions import RawSQL\ndef f(q):\n    RawSQL(q)\nRawSQL('select 1')\n", want: []string{"B611:3:high"}},
		{name: "B701 default", src: "import jinja2\njinja2.Environment(loader=l)\n", want: []string{"B701:2:high"}},
		{name: "B701 false and ok", src: "from jinja2 import Environment, select_autoescape\nEnvironment(autoescape=False)\nEnvironment(autoescape=True)\nEnvironment(autoescape=select_autoescape())\n", want: []string{"B701:2:high"}},
		{name: "B702", src: "from mako.template import Template\nTemplate('x')\n", want: []string{"B702:2:medium"}},
		{name: "B703", src: "from django.utils.safestring import mark_safe\ndef v(request):\n    mark_safe(request.GET['x'])\nmark_safe('<b>')\nC = '<i>'\nmark_safe(C)\n",
			want: []string{"B703:3:high", "B308:3:medium", "B308:4:medium", "B308:6:medium"}},
	})
}

func TestShellRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "B602 tainted parameter", src: "import subprocess\ndef f(host):\n    subprocess.call('ping ' + host, shell=True)\n", want: []string{"B404:1:low", "B602:3:high"}},
		{name: "B602 literal is low", src: "import subprocess\nsubprocess.call('ls -l', shell=True)\n", want: []string{"B404:1:low", "B607:2:low", "B602:2:low"}},
		{name: "B602 constant through names", src: "import subprocess\nBASE = 'ls'\ndef f():\n    flags = '-l'\n    cmd = BASE + ' ' + flags\n    cmd += ' /'\n    subprocess.run(cmd, shell=True)\n", want: []string{"B404:1:low", "B602:7:low"}},
		{name: "B602 unknown is high", src: "import subprocess\nsubprocess.run(get(), shell=True)\n", want: []string{"B404:1:low", "B602:2:high"}},
		{name: "B602 line of shell value", src: "import subprocess\nsubprocess.Popen(\n    cmd,\n    shell=True)\n", want: []string{"B404:1:low", "B602:4:high"}},
		{name: "B602 env", src: "import os, subprocess\nsubprocess.call(os.environ['CMD'], shell=True)\n", want: []string{"B404:1:low", "B602:2:high"}},
		{name: "B602 shell false is B603", src: "import subprocess\nsubprocess.call(['ls'], shell=False)\n", want: []string{"B404:1:low", "B607:2:low", "B603:2:low"}},
		{name: "B603 full path", src: "import subprocess\nsubprocess.check_output(['/bin/ls', x])\n", want: []string{"B404:1:low", "B603:2:low"}},
		{name: "B604", src: "def f(c):\n    run_it(c, shell=True)\nrun_it('x', shell=True)\nrun_it(y, shell=True)\n", want: []string{"B604:2:high", "B604:3:low", "B604:4:medium"}},
		{name: "B605 os.system", src: "import os\nos.system('/bin/true')\ndef f():\n    os.system(input())\n", want: []string{"B605:2:low", "B605:4:high", "B322:4:low"}},
		{name: "B605 alias", src: "from os import system as run\nimport sys\nrun('cat ' + sys.argv[1])\n", want: []string{"B605:3:high"}},
		{name: "B606", src: "import os\nos.execv('/bin/sh', args)\nos.spawnlp(os.P_WAIT, 'ls')\n", want: []string{"B606:2:low", "B606:3:low"}},
		{name: "B607 list partial", src: "import subprocess as sp\nsp.Popen(['git', 'status'])\n", want: []string{"B404:1:low", "B607:2:low", "B603:2:low"}},
		{name: "flask request", src: "import subprocess\nfrom flask import request\ndef v():\n    c = request.args.get('c')\n    subprocess.call(f'echo {c}', shell=True)\n", want: []string{"B404:1:low", "B602:5:high"}},
		{name: "shlex.quote makes constant", src: "import subprocess, shlex\ndef f(x):\n    subprocess.call('ls ' + shlex.quote(x), shell=True)\n", want: []string{"B404:1:low", "B602:3:low"}},
		{name: "format and join", src: "import os, sys\nos.system('ls {}'.format(' '.join(sys.argv)))\n", want: []string{"B605:2:high"}},
		{name: "percent format constant", src: "import os\nN = 3\nos.system('sleep %d' % N)\n", want: []string{"B605:3:low"}},
	})
}

func TestSQLRule(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "percent into execute tainted", src: "def f(cur, uid):\n    cur.execute('SELECT * FROM users WHERE id = %s' % uid)\n", want: []string{"B608:2:high"}},
		{name: "f-string unknown", src: "q = f'SELECT a FROM t WHERE b = {get()}'\n", want: []string{"B608:1:medium"}},
		{name: "plus constant", src: "T = 'users'\nq = 'DELETE FROM ' + T + ' WHERE 1'\n", want: []string{"B608:2:low"}},
		{name: "format into execute", src: "import sys\ncur.execute('UPDATE t SET a = {}'.format(sys.argv[1]))\n", want: []string{"B608:2:high"}},
		{name: "literal alone", src: "cur.execute('SELECT * FROM t WHERE a = %s', (a,))\n"},
		{name: "not sql", src: "msg = 'selected %d items' % n\n"},
	})
}

func TestBlacklists(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "pickle", src: "import pickle\npickle.loads(b)\n", want: []string{"B403:1:low", "B301:2:medium"}},
		{name: "aliased module", src: "import xml.etree.ElementTree as ET\nET.fromstring(s)\n", want: []string{"B405:1:low", "B314:2:medium"}},
		{name: "from import", src: "from xml.dom import minidom\nminidom.parseString(s)\n", want: []string{"B408:1:low", "B318:2:medium"}},
		{name: "md5 and sha1", src: "import hashlib\nhashlib.md5(b)\nhashlib.sha1()\nhashlib.sha256()\n", want: []string{"B303:2:medium", "B303:3:medium"}},
		{name: "telnet wildcard", src: "import telnetlib\ntelnetlib.Telnet(h)\n", want: []string{"B401:1:high", "B312:2:high"}},
		{name: "dynamic import", src: "__import__('telnetlib')\nimport importlib\nimportlib.import_module('pickle')\n", want: []string{"B401:1:high", "B403:3:low"}},
		{name: "eval rated", src: "eval('1+1')\ndef f(s):\n    eval(s)\n", want: []string{"B307:1:low", "B307:3:high"}},
		{name: "random, input, mktemp", src: "import random, tempfile\nrandom.random()\ninput()\ntempfile.mktemp()\n", want: []string{"B311:2:low", "B322:3:low", "B306:4:medium"}},
		{name: "ciphers", src: "from Crypto.Cipher import DES\nDES.new(k)\n", want: []string{"B413:1:high", "B304:2:high"}},
		{name: "cryptography ECB", src: "from cryptography.hazmat.primitives.ciphers import modes\nmodes.ECB()\n", want: []string{"B305:2:medium"}},
		{name: "unverified context", src: "import ssl\nssl._create_unverified_context()\n", want: []string{"B323:2:medium"}},
		{name: "import blacklist first match", src: "import os, subprocess, pickle\n", want: []string{"B403:1:low"}},
		{name: "prefix match as Bandit", src: "import subprocess32\n", want: []string{"B404:1:low"}},
		{name: "httpoxy", src: "from wsgiref.handlers import CGIHandler\n", want: []string{"B412:1:high"}},
		{name: "relative import keeps the module as Bandit", src: "from .xml import sax\n", want: []string{"B406:1:low"}},
	})
}

func TestBeyondBandit(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "fast password hash", src: "import hashlib\nh = hashlib.sha256((salt + password).encode()).hexdigest()\n", want: []string{"python.password_fast_hash:2:high"}},
		{name: "fast password hash via name", src: "import hashlib\ndef f(user):\n    data = user.passwd.encode()\n    return hashlib.md5(data)\n", want: []string{"B303:4:medium", "python.password_fast_hash:4:high"}},
		{name: "fast hash update", src: "import hashlib\nh = hashlib.sha512()\nh.update(pwd)\n", want: []string{"python.password_fast_hash:3:high"}},
		{name: "hash of non-password", src: "import hashlib\nhashlib.sha256(data)\nhashlib.sha256(password_reset_token)\nhashlib.pbkdf2_hmac('sha256', password, salt, 100000)\n"},
		{name: "jwt verify_signature false", src: "import jwt\njwt.decode(t, k, algorithms=['HS256'], options={'verify_signature': False})\n", want: []string{"python.jwt_no_verify:2:high"}},
		{name: "jwt options via name", src: "import jwt\ndef f(t):\n    opts = {'verify_signature': False}\n    return jwt.decode(t, options=opts, algorithms=['RS256'])\n", want: []string{"python.jwt_no_verify:4:high"}},
		{name: "jwt verify false", src: "import jwt\njwt.decode(t, verify=False)\n", want: []string{"python.jwt_no_verify:2:high"}},
		{name: "jwt none alg", src: "from jwt import decode\ndecode(t, k, algorithms=['HS256', 'None'])\n", want: []string{"python.jwt_no_verify:2:high"}},
		{name: "jwt no algorithms", src: "import jwt\njwt.decode(t, k)\n", want: []string{"python.jwt_no_verify:2:medium"}},
		{name: "jwt ok", src: "import jwt\njwt.decode(t, k, algorithms=['RS256'])\njwt.decode(t, k, ['RS256'])\n"},
		{name: "timing compare strong", src: "import hmac\nif hmac.new(k, m, 'sha256').hexdigest() == sig:\n    pass\nif signature != expected:\n    pass\n", want: []string{"python.timing_unsafe_compare:2:medium", "python.timing_unsafe_compare:4:medium"}},
		{name: "timing compare weak needs a second secret", src: "if token == expected_token:\n    pass\nif token == END:\n    pass\nif token_type == 'bearer':\n    pass\n", want: []string{"python.timing_unsafe_compare:1:medium", "B105:5:low"}},
		{name: "timing compare weak with request", src: "def v(request):\n    if request.headers.get('X-Token') == api_key:\n        pass\n", want: []string{"python.timing_unsafe_compare:2:medium"}},
		{name: "timing compare literals and eq", src: "if token is None or token == '':\n    pass\nif len(token) != 32:\n    pass\ndef __eq__(self, other):\n    return self.signature == other.signature\n"},
		{name: "timing compare hmac through a name", src: "import hmac\ndef f(key, msg, response):\n    digest = hmac.new(key, msg, 'md5').digest()\n    return response == digest\n", want: []string{"python.timing_unsafe_compare:4:medium"}},
		{name: "timing compare enum constants and file digests", src: "if request.signature_method == SIGNATURE_HMAC_SHA1:\n    pass\nif digest_obj == ffi.NULL:\n    pass\nif h.hexdigest() != expected_hash:\n    pass\nif these_tokens != other_tokens:\n    pass\n"},
		{name: "secret in log f-string", src: "import logging\nlogging.info(f'key is {api_key}')\n", want: []string{"python.secret_in_log:2:medium"}},
		{name: "secret in logger lazy args", src: "log = get()\nlog.debug('token %s', auth_token)\n", want: []string{"python.secret_in_log:2:medium"}},
		{name: "secret in print concat", src: "print('pw: ' + user.password)\n", want: []string{"python.secret_in_log:1:medium"}},
		{name: "secret from env", src: "import os\nk = os.environ['STRIPE_SECRET_KEY']\nprint('using %s' % k)\n", want: []string{"python.secret_in_log:3:medium"}},
		{name: "no secret in log", src: "import logging\nlogging.info('token refreshed for %s', user)\nlogger.info('len %d', len(token))\nprint(token_type)\n"},
	})
}

func TestNosec(t *testing.T) {
	src := `
import subprocess  # nosec
subprocess.call(cmd, shell=True)  # nosec
subprocess.call(cmd, shell=True)  # nosec B602 reviewed by ops
subprocess.call(cmd, shell=True)  # nosec B603
subprocess.call(  # nosec python.subprocess_shell
    cmd,
    shell=True)
subprocess.call(
    cmd,
    shell=True)  # nosec
subprocess.call(
    cmd,  # nosec
    shell=True)
def f():  #nosec
    subprocess.call(cmd, shell=True)
x = "# nosec"; subprocess.call(cmd, shell=True)
`
	res := analyze(t, src, "")
	got := summary(res.Issues)
	want := []string{"B602:4:high", "B602:13:high", "B602:16:high"}
	if !slices.Equal(got, want) {
		t.Errorf("issues %q, want %q", got, want)
	}
	var sup []string
	for _, s := range res.Suppressed {
		sup = append(sup, fmt.Sprintf("%s:%d:%s", s.BanditID, s.Line, s.Reason))
	}
	wantSup := []string{"B404:1:nosec", "B602:2:nosec", "B602:3:reviewed by ops", "B602:7:nosec", "B602:10:nosec", "B602:15:nosec"}
	if !slices.Equal(sup, wantSup) {
		t.Errorf("suppressed %q, want %q", sup, wantSup)
	}
}

func TestNosecDecorator(t *testing.T) {
	// a nosec on the def line covers the decorators, as in Python's AST
	src := "import subprocess\n@app.route(subprocess.call(c, shell=True))\ndef f():  # nosec\n    pass\n"
	res := analyze(t, src, "")
	if got := summary(res.Issues); !slices.Equal(got, []string{"B404:1:low"}) {
		t.Errorf("got %q", got)
	}
}

func TestParseNosec(t *testing.T) {
	for _, tc := range []struct {
		text   string
		ok     bool
		all    bool
		ids    []string
		reason string
	}{
		{"# nosec", true, true, nil, "nosec"},
		{"#nosec", true, true, nil, "nosec"},
		{"# nosec: B602, B607 trusted input", true, false, []string{"B602", "B607"}, "trusted input"},
		{"# nosec B602,python.sql_string_formatting", true, false, []string{"B602", "python.sql_string_formatting"}, "nosec"},
		{"# noqa # nosec(tkelsey): expected", true, true, nil, "(tkelsey): expected"},
		{"#  nosec", false, false, nil, ""},
		{"# NOSEC", false, false, nil, ""},
	} {
		d, ok := parseNosec(tc.text)
		if ok != tc.ok || ok && (d.all != tc.all || !slices.Equal(d.ids, tc.ids) || d.reason != tc.reason) {
			t.Errorf("%q: got %+v %v", tc.text, d, ok)
		}
	}
}

func TestAliasResolution(t *testing.T) {
	src := `
import subprocess as sp
from os import system as run, popen
import os.path
from yaml import load as yl
from xml.etree import cElementTree as CET
import xml.dom.pulldom
sp.check_call(c, shell=True)
run(c)
popen(c)
yl(s)
CET.parse(f)
xml.dom.pulldom.parseString(s)
`
	a := newTestAnalyzer(t, src)
	a.run()
	for local, want := range map[string]string{"sp": "subprocess", "run": "os.system", "popen": "os.popen", "yl": "yaml.load", "CET": "xml.etree.cElementTree"} {
		if a.aliases[local] != want {
			t.Errorf("alias %s = %q, want %q", local, a.aliases[local], want)
		}
	}
	var quals []string
	pyparse.Walk(a.f.Root, func(n *pyparse.Node) bool {
		if n.Type == "call" {
			quals = append(quals, a.callee(n))
		}
		return true
	})
	want := []string{"subprocess.check_call", "os.system", "os.popen", "yaml.load", "xml.etree.cElementTree.parse", "xml.dom.pulldom.parseString"}
	if !slices.Equal(quals, want) {
		t.Errorf("qualified names %q, want %q", quals, want)
	}
	res := &FileResult{}
	a.finish(res)
	got := summary(res.Issues)
	wantIssues := []string{"B404:1:low", "B405:5:low", "B409:6:low", "B602:7:high", "B605:8:high", "B605:9:high", "B506:10:medium", "B313:11:medium", "B319:12:medium"}
	if !slices.Equal(got, wantIssues) {
		t.Errorf("issues %q, want %q", got, wantIssues)
	}
}

func newTestAnalyzer(t *testing.T, src string) *analyzer {
	t.Helper()
	f, err := pyparse.Parse(context.Background(), []byte(strings.TrimPrefix(src, "\n")), pyparse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return newAnalyzer(f, AnalyzeOptions{})
}

// TestQuietInTests: in a test file the QuietInTests rules are counted, not
// reported; the others (eval, shell=True) are reported there too.
func TestQuietInTests(t *testing.T) {
	src := []byte("import random, subprocess\n\ndef test_fill():\n    password = \"hunter2\"\n    assert random.random() < 1\n    subprocess.run([\"ls\"])\n    eval(input())\n")
	for _, tc := range []struct {
		path  string
		rules string
		quiet int
	}{
		{"tests/test_fill.py", "B307 B322 B607", 5},
		{"strategies/fill.py", "B101 B105 B307 B311 B322 B404 B603 B607", 0},
	} {
		res, err := AnalyzeSourceWith(context.Background(), src, AnalyzeOptions{Path: tc.path})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, is := range res.Issues {
			ids = append(ids, is.BanditID)
		}
		sort.Strings(ids)
		if got := strings.Join(ids, " "); got != tc.rules || res.QuietInTests != tc.quiet {
			t.Errorf("%s: %s (quiet %d), want %s (quiet %d)", tc.path, got, res.QuietInTests, tc.rules, tc.quiet)
		}
	}
}
