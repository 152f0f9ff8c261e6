package rules

import (
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/riskcheck/envfile"
)

func TestIsEnvFile(t *testing.T) {
	for p, want := range map[string]bool{
		".env": true, "deploy/.env": true, "prod.env": true, ".env.production": true, ".env.local": true, "a/B.ENV": true,
		".env.example": false, ".env.sample": false, ".env.template": false, "example.env": false, ".env.local.dist": false,
		"env": false, ".envrc": false, "config.yml": false, "env.py": false, ".environment": false,
	} {
		if got := isEnvFile(p); got != want {
			t.Errorf("isEnvFile(%q) = %v", p, got)
		}
	}
}

func TestEnvPlaintextKey(t *testing.T) {
	r := newRand(50)
	v := gen(r, alnumChars, 40)
	for _, tc := range []struct {
		name, path, in string
		want           int
	}{
		{"api key", ".env", "OPENAI_API_KEY=" + v + "\n", 1},
		{"api secret quoted", ".env", "FOO_API_SECRET=\"" + v + "\"\n", 1},
		{"export single quotes", "prod.env", "export SIGNER_PRIVATE_KEY='" + v + "'\n", 1},
		{"secret key with comment", ".env.production", "DJANGO_SECRET_KEY=" + v + " # rotate me\n", 1},
		{"passphrase", ".env", "OKX_PASSPHRASE=" + v + "\n", 1},
		{"bare suffix", ".env", "API_KEY = " + v + "\n", 1},
		{"lower case", ".env", "my_api_key=" + v + "\n", 1},
		{"crlf", ".env", "A=1\r\nX_API_KEY=" + v + "\r\n", 1},
		{"two", ".env", "A_API_KEY=" + v + "\nB_API_SECRET=" + gen(r, alnumChars, 20) + "\n", 2},
		{"encrypted", ".env", "X_API_KEY=encrypted:" + v + "\n", 0},
		{"ENCRYPTED", ".env", "X_API_KEY=ENCRYPTED:" + v + "\n", 0},
		{"empty", ".env", "X_API_KEY=\nY_API_SECRET=''\nZ_API_KEY= # later\n", 0},
		{"placeholder", ".env", "X_API_KEY=your-api-key-here\nY_API_SECRET=changeme\nZ_PRIVATE_KEY=<secret>\n", 0},
		{"reference", ".env", "X_API_KEY=${X_API_KEY}\nY_API_SECRET=$Y\n", 0},
		{"short", ".env", "X_API_KEY=abc123\n", 0},
		{"other names", ".env", "X_API_KEY_PATH=" + v + "\nPRIVATE_KEY_FILE=" + v + "\nAPI_KEYS=" + v + "\n", 0},
		{"bare variable", ".env", "X_API_KEY\n", 0},
		{"comment", ".env", "# X_API_KEY=" + v + "\n", 0},
		{"template", ".env.example", "X_API_KEY=" + v + "\n", 0},
		{"not an env file", "config.yml", "X_API_KEY=" + v + "\n", 0},
	} {
		ms := ruleMatches(scan(t, tc.path, tc.in), envRule.ID)
		if len(ms) != tc.want {
			t.Errorf("%s: %d matches, want %d:%s", tc.name, len(ms), tc.want, show(ms))
		}
		for _, m := range ms {
			if m.Severity != High || !strings.Contains(m.Evidence, "plaintext") {
				t.Errorf("%s: %s", tc.name, m.Evidence)
			}
		}
	}
}

// TestEnvSpecificFirst: in an env file, a value a specific rule reports
// (and the key of a reported pair) is not reported again as plaintext.
func TestEnvSpecificFirst(t *testing.T) {
	r := newRand(51)
	in := "BINANCE_API_KEY=" + gen(r, alnumChars, 64) + "\nBINANCE_API_SECRET=" + gen(r, alnumChars, 64) + "\n" +
		"DEPLOYER_PRIVATE_KEY=0x" + genEVMKey(r) + "\nSTRIPE_SECRET_KEY=" + gen(r, alnumChars, 32) + "\n"
	ms := scan(t, ".env", in)
	got := strings.Join(rulesOf(ms), " ")
	if got != "secrets.binance_api_key secrets.evm_private_key secrets.env_plaintext_key" || ms[2].Line != 4 {
		t.Fatalf("%s:%s", got, show(ms))
	}
	// A key alone is reported by its exchange rule, not twice.
	ms = scan(t, ".env", "BINANCE_API_KEY="+gen(r, alnumChars, 64)+"\nBINANCE_API_SECRET=encrypted:abc\n")
	if got := strings.Join(rulesOf(ms), " "); got != "secrets.binance_api_key" {
		t.Fatalf("%s:%s", got, show(ms))
	}
}

// TestOneEnvReader: the env rule reads with envfile.Lex, which reads what
// Parse refuses (a NUL, a bad line) and keeps going: a key after a broken
// line is still found.
func TestOneEnvReader(t *testing.T) {
	secret := "Kx7pQ2mVn8RtY4wZb6Lc3Hd9Fg5Js1Ae0Ou2Ti7Ry4We8Qp"
	in := "\x00\nthis line is not an assignment\nA=\"unterminated\nBINANCE_API_KEY=\"" + secret + "\"\r\n"
	if _, err := envfile.Parse([]byte(in)); err == nil {
		t.Fatal("Parse accepted a file with a NUL")
	}
	ms := scan(t, ".env", in)
	if len(ms) != 1 || string(ms[0].Secret) != secret || ms[0].Line != 4 {
		t.Fatalf("matches:%s", show(ms))
	}
}
