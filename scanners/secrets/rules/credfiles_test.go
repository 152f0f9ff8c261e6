package rules

import (
	"fmt"
	"strings"
	"testing"
)

// TestCredentialFiles: each credential store and URI form, with the near
// misses a precise detector stays quiet on. want lists rule@line and the
// value's length (never the value itself, so a failure prints no secret).
func TestCredentialFiles(t *testing.T) {
	for _, tc := range []struct {
		name, path, data string
		want             []string
	}{
		{"git credentials", ".git-credentials",
			"https://deploy:ghp_Q8vLm2Rt7Xw4Kp9Zs3Nd6Hb1Yc5Jf0Ua2Ee@github.com\nhttps://bot:%24ecr%3At99x@gitlab.example.org\nhttps://github.com\nhttps://user:@host\n",
			[]string{"secrets.git_credentials@1/39", "secrets.git_credentials@2/13"}},
		{"netrc", ".netrc",
			"machine api.exchange.io login trader password Tr4d3r-2026-Qz\n# password commented-out-value\nmachine x login y password ${NETRC_PW}\ndefault login anonymous password\n",
			[]string{"secrets.netrc_password@1/14"}},
		{"netrc one line per token", "_netrc", "machine ftp.desk.lan\n  login ops\n  password 9fK!2mQz\n", []string{"secrets.netrc_password@3/8"}},
		{"pgpass", ".pgpass",
			"# host:port:db:user:password\ndb.internal:5432:trades:bot:Pg-Str0ng\\:Pass\n*:*:*:replica:changeme\nlocalhost:5432:x:y:\n",
			[]string{"secrets.pgpass_password@2/15"}},
		{"uris", "settings.py",
			"DATABASE_URL = \"postgresql://trader:N7x!rT2q@db.prod:5432/fills\"\n" +
				"MONGO = 'mongodb+srv://svc:Zq81mVx0kk@cluster0.mongodb.net/app'\n" +
				"JDBC = \"jdbc:mysql://report:Rp0rt-99x@10.0.0.5:3306/pnl\"\n" +
				"BROKER = \"amqp://guest:${RABBIT_PASSWORD}@mq:5672\"\n" +
				"DOCS = \"postgres://user:password@localhost/db\"\n" +
				"WEB = \"https://admin:Adm1nPa55@example.com/\"\n" +
				"NOPASS = \"redis://cache:6379/0\"\n",
			[]string{"secrets.uri_password@1/8", "secrets.uri_password@2/10", "secrets.uri_password@3/9"}},
		{"aws credentials file", "home/.aws/credentials",
			"[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE\naws_secret_access_key = mZ8q2LkT9vXw4Rp7Hn3Jd6Bs1Yc5Ff0Ua\n[minio]\naws_secret_access_key=Mn1-o9Qx7Zr2Tw\n[blank]\naws_secret_access_key =\n",
			[]string{"secrets.aws_credentials_file@3/33", "secrets.aws_credentials_file@5/14"}},
		{"aws keys elsewhere are not this rule", "notes/credentials", "aws_secret_access_key = mZ8q2LkT9vXw4Rp7Hn3Jd6Bs1Yc5Ff0Ua\n", nil},
		{"npmrc", ".npmrc",
			"registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=npm_4fKq9Xw2Lm7Rt3Zs8Nd1Hb6Yc0Jf5Ua2Ee\n//npm.pkg.github.com/:_authToken=${NPM_TOKEN}\n_password=\"cGFzc3dvcmQxMjM0\"\n",
			[]string{"secrets.npmrc_token@2/38", "secrets.npmrc_token@4/16"}},
		{"pypirc", ".pypirc", "[distutils]\nindex-servers = pypi\n[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCJDk4\n[test]\npassword: <your password>\n",
			[]string{"secrets.pypirc_password@5/25"}},
		{"docker config", "home/.docker/config.json",
			"{\"auths\": {\"ghcr.io\": {\"auth\": \"ZGVwbG95ZXI6Umc3LXgyTHE5dlR6\"}, \"x.io\": {\"auth\": \"anVzdGF0b2tlbnZhbHVlMTIz\"}, \"y.io\": {\"auth\" : \"dXNlcjpjaGFuZ2VtZQ==\"}}}\n",
			[]string{"secrets.docker_auth@1/28"}},
		{"rails master key", "config/master.key", "3f9c2a7be41d08c65f1e9a2b7c4d0e8f\n", []string{"secrets.rails_master_key@1/32"}},
		{"rails key of another shape", "config/master.key", "not-a-key\n", nil},
		{"django settings", "mysite/settings.py",
			"SECRET_KEY = 'django-insecure-9x!k2@q7v#m4t8z1w5r0p3n6b'\nSECRET_KEY = os.environ['SECRET_KEY']\nSECRET_KEY = get_random_secret_key()\n",
			[]string{"secrets.framework_secret_key@1/41"}},
		{"laravel env", ".env", "APP_NAME=desk\nAPP_KEY=base64:Qm9vc3RlZEtleUZvckxhcmF2ZWwxMjM0NTY3ODkwMTI=\nAPP_KEY=\n",
			[]string{"secrets.framework_secret_key@2/51"}},
		{"htpasswd", ".htpasswd", "ops:$apr1$Zx8q2L1v$7Hn3Jd6Bs1Yc5Ff0UaQmX1\nbot:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\nnohash:plain\n",
			[]string{"secrets.password_hash_file@1/37", "secrets.password_hash_file@2/33"}},
		{"shadow", "etc/shadow", "root:$6$Zq81mVx0$kkLp44N7xrT2qZq81mVx0kkLp44N7xrT2qZ:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
			[]string{"secrets.password_hash_file@1/47"}},
		{"wordpress", "site/wp-config.php",
			"<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_PASSWORD', 'Wp-9fK2mQzN7x' );\ndefine('AUTH_KEY',         'q7v#m4t8z1w5r0p3n6b9x1m8k2@Lp4');\ndefine( 'NONCE_SALT', 'put your unique phrase here' );\n",
			[]string{"secrets.framework_secret_key@3/13", "secrets.framework_secret_key@4/30"}},
		{"putty key", "keys/deploy.ppk",
			"PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 1\nAAAAB3NzaC1yc2EAAAADAQABAAAAgQ\nPrivate-Lines: 2\nAAAAgQCxk3Lm9vTz2Rt7Xw4Kp9Zs3Nd6Hb1\nYc5Jf0Ua2EeQ8vLm2Rt7Xw4Kp9Zs\nPrivate-MAC: 0011\n",
			[]string{"secrets.putty_private_key@7/64"}},
		{"encrypted putty key", "keys/deploy.ppk",
			"PuTTY-User-Key-File-2: ssh-rsa\nEncryption: aes256-cbc\nPrivate-Lines: 1\nAAAAgQCxk3Lm9vTz2Rt7Xw4Kp9Zs3Nd6Hb1\nPrivate-MAC: 0011\n", nil},
		{"netrc rule only in a netrc", "notes.txt", "machine a login b password Tr4d3r-2026-Qz\n", nil},
		{"stock passwords are examples", "app.py", "A = \"amqp://guest:guest@localhost:5672/\"\nB = \"postgres://app:postgres@db/x\"\nC = \"mysql://root:hunter2@db/x\"\n" +
			"D = \"ldap://svc:ldap-pwd@dir/\"\n// postgres://[user[:password]@][host][:port]\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range Scan(tc.path, []byte(tc.data)) {
				got = append(got, fmt.Sprintf("%s@%d/%d", m.Rule, m.Line, len(m.Secret)))
				if strings.Contains(m.Evidence, string(m.Secret)) {
					t.Errorf("%s: evidence quotes the value", m.Rule)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func FuzzCredentialFiles(f *testing.F) {
	for _, s := range []string{"https://a:bcdefgh@h\n", "machine m password p4ssw0rdX", "h:1:d:u:pw\\:x\n", "postgres://u:p4ssw0rd@h/x"} {
		f.Add(".netrc", []byte(s))
		f.Add(".pgpass", []byte(s))
		f.Add(".git-credentials", []byte(s))
	}
	for _, seed := range []struct{ p, s string }{
		{"wp-config.php", "define( 'AUTH_KEY', 'q7v#m4t8z1w5r0p3n6b9' );"}, {".htpasswd", "u:$apr1$abcdefgh$ijklmnop"},
		{"settings.py", "SECRET_KEY = 'abcdefghijklmnopq'"}, {".npmrc", "//r/:_authToken=abcdefgh12"},
		{".docker/config.json", `{"auth": "dTpwYXNzd29yZDEy"}`}, {"config/master.key", "3f9c2a7be41d08c65f1e9a2b7c4d0e8f"},
		{"k.ppk", "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nPrivate-Lines: 1\nAAAAgQCxk3Lm9vTz2Rt7\n"},
		{".aws/credentials", "aws_secret_access_key = 'abcdefgh1234'"}, {".env", "APP_KEY=base64:abcdefghijklmnopqr"},
	} {
		f.Add(seed.p, []byte(seed.s))
	}
	f.Fuzz(func(t *testing.T, p string, data []byte) {
		for _, m := range append(credFiles(p, data), uriPasswords(p, data)...) {
			if m.Start < 0 || m.End > len(data) || m.Start >= m.End {
				t.Fatalf("%s: bad span %d-%d of %d bytes", m.Rule, m.Start, m.End, len(data))
			}
		}
	})
}

// TestURISeverityByContext: a URI password in a test or documentation file
// is medium; elsewhere high.
func TestURISeverityByContext(t *testing.T) {
	const line = "DSN = \"postgresql://trader:N7x!rT2q@db.prod:5432/fills\"\n"
	for p, want := range map[string]string{"deploy/settings.py": "high", "tests/test_db.py": "medium", "README.md": "medium", "internal/db/db_test.go": "medium"} {
		ms := Scan(p, []byte(line))
		if len(ms) != 1 || ms[0].Severity.String() != want {
			t.Errorf("%s: %d matches, want one of severity %s", p, len(ms), want)
		}
	}
}
