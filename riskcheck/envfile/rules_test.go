package envfile

import (
	"encoding/base64"
	"encoding/binary"
	"strings"
	"testing"
)

func TestWeakHashScheme(t *testing.T) {
	for in, weak := range map[string]bool{
		"sha256": true, "SHA-1": true, "md5": true, "plain": true, "hmac-sha256": true, "blake2b": true,
		"pbkdf2:sha256:1000": true, "pbkdf2_sha256$100000$salt$hash": true, "pbkdf2_sha1$1000000": true,
		"$6$rounds=5000$salt$hash": true, "$1$salt$hash": true,
		"5e884898da28047151d0e56f8dc2814f1d2d3e4c5b6a79880716253443526170": true,
		"argon2id": false, "Argon2": false, "bcrypt": false, "bcrypt_sha256": false, "scrypt": false, "yescrypt": false,
		"$2b$12$abcdefghijklmnopqrstuv": false, "$argon2id$v=19$m=65536": false,
		"pbkdf2": false, "pbkdf2_sha256$600000$salt$hash": false, "pbkdf2-sha512 210000": false,
		"django.contrib.auth.hashers.PBKDF2PasswordHasher": false, "": false, "werkzeug-default": false,
	} {
		if got, why := WeakHashScheme(in); got != weak || got && why == "" {
			t.Errorf("WeakHashScheme(%q) = %v %q, want %v", in, got, why, weak)
		}
	}
}

// opensshKey builds an OpenSSH private key block with the given cipher; its
// body is only the header the check reads.
func opensshKey(cipher string) string {
	raw := []byte("openssh-key-v1\x00")
	raw = binary.BigEndian.AppendUint32(raw, uint32(len(cipher)))
	raw = append(raw, cipher...)
	raw = append(raw, make([]byte, 48)...)
	return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + base64.StdEncoding.EncodeToString(raw) + "\n-----END OPENSSH PRIVATE KEY-----\n"
}

func TestPlaintextKeys(t *testing.T) {
	// bulwark:ignore secrets.binance_api_key -- a fake credential the tests plant on purpose
	const key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	for _, tc := range []struct {
		name, in string
		want     int
	}{
		{"yaml", "signer_private_key: \"0x" + key + "\"\n", 1},
		{"json camel case", `{"walletKey": "` + key + `"}`, 1},
		{"two in minified json", `{"a":{"privKey":"` + key + `"},"b":{"seed":"0x` + key + `"}}`, 2},
		{"python kwarg", `Account.from_key(private_key="0x` + key + `")`, 1},
		{"toml literal", "secret_key = '" + key + "'\n", 1},
		{"openssh unencrypted", opensshKey("none"), 1},
		{"openssh encrypted", opensshKey("aes256-ctr"), 0},
		{"pkcs8 encrypted", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgXxCWoDZJ\n-----END ENCRYPTED PRIVATE KEY-----", 0},
		{"public key", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----", 0},
		{"tx hash", "last_tx_hash: 0x" + key + "\n", 0},
		{"key hash", "private_key_hash: " + key + "\n", 0},
		{"longer hex", "private_key: " + key + "ab\n", 0},
		{"hex glued to a word", "private_key: z" + key + "\n", 0},
		{"short", "private_key: 0xdeadbeef\n", 0},
		{"unnamed", "value: " + key + "\n", 0},
		{"on the next line", "private_key:\n  " + key + "\n", 0},
		{"one NUL byte does not hide a key", "\x00private_key: " + key, 1},
	} {
		fs := PlaintextKeys("cfg", []byte(tc.in))
		if len(fs) != tc.want {
			t.Errorf("%s: %d findings, want %d", tc.name, len(fs), tc.want)
		}
		for _, f := range fs {
			if strings.Contains(f.Identity, key) || f.StartLine < 1 {
				t.Errorf("%s: identity holds the key or no line: %+v", tc.name, f)
			}
		}
	}
	fs := PlaintextKeys("cfg", []byte("a: 1\nb: 2\nprivate_key: "+key+"\n"+opensshKey("none")))
	if len(fs) != 2 || fs[0].StartLine != 3 || fs[1].StartLine != 4 {
		t.Errorf("lines: %+v", fs)
	}
}

// TestSecretIdentity: the identity of a secret is its key and a hash, stable
// across lines and white space, and different for a different value.
func TestSecretIdentity(t *testing.T) {
	a := Check(".env", []byte("BINANCE_API_KEY=Kx7pQ2mVn8RtY4wZ\n"), 0o600, false)
	b := Check(".env", []byte("\n\nBINANCE_API_KEY = Kx7pQ2mVn8RtY4wZ  # moved\n"), 0o600, false)
	c := Check(".env", []byte("BINANCE_API_KEY=Kx7pQ2mVn8RtY4wQ\n"), 0o600, false)
	if len(a) != 1 || len(b) != 1 || len(c) != 1 {
		t.Fatalf("findings: %v %v %v", a, b, c)
	}
	if a[0].Identity != b[0].Identity || a[0].Identity == c[0].Identity || strings.Contains(a[0].Identity, "Kx7p") {
		t.Errorf("identities %q %q %q", a[0].Identity, b[0].Identity, c[0].Identity)
	}
	if a[0].StartLine != 1 || b[0].StartLine != 3 {
		t.Errorf("lines %d %d", a[0].StartLine, b[0].StartLine)
	}
}

// TestNotSecrets: settings about a key, and a file-supplied password, are
// not findings.
func TestNotSecrets(t *testing.T) {
	in := "ENVIRONMENT=production\nWALLET_PRIVATE_KEY_PATH=/etc/bot/key.json\nSIGNER_KEY_ID=7\nPRIVATE_KEY_FILE=/run/secrets/k\n" +
		"USERNAME=admin\nPASSWORD_FILE=/run/secrets/pw\nTELEGRAM_USERNAME=@bot\nCOMMIT_SHA=4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\n"
	if fs := Check(".env", []byte(in), 0o600, true); len(fs) != 0 {
		t.Errorf("findings: %+v", fs)
	}
}
