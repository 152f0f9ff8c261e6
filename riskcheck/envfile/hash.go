package envfile

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	hexDigestRe = regexp.MustCompile(`^[0-9a-f]+$`)
	digestNames = map[int]string{32: "MD5", 40: "SHA-1", 64: "SHA-256", 128: "SHA-512"}
	fastHashRe  = regexp.MustCompile(`md[45]|sha|blake|crc32|ntlm|hmac|xxhash|murmur|whirlpool|ripemd`)
	hashNameRe  = regexp.MustCompile(`sha[-_]?3?[-_]?(?:1|224|256|384|512)?|pbkdf2|hmac`)
	schemeRe    = regexp.MustCompile(`^[A-Za-z0-9_.:$\- ]{1,80}$`)
)

// WeakHashScheme judges a declared password hashing scheme — a name such as
// "sha256", "bcrypt" or Django's "django.contrib.auth.hashers.MD5PasswordHasher",
// or a stored hash in modular crypt format — against bcrypt, scrypt and
// argon2. PBKDF2 passes unless an iteration count is given and is below
// OWASP's 2023 minimum for its PRF (600,000 for SHA-256, 210,000 for
// SHA-512, 1,300,000 for SHA-1). Unknown names are not judged.
func WeakHashScheme(value string) (weak bool, why string) {
	v := strings.ToLower(strings.TrimSpace(value))
	switch {
	case v == "":
		return false, ""
	case strings.Contains(v, "bcrypt"), strings.Contains(v, "argon2"), strings.Contains(v, "scrypt"),
		hasAnyPrefix(v, "$2a$", "$2b$", "$2y$", "$7$", "$y$", "$gy$"):
		return false, ""
	case strings.Contains(v, "pbkdf2"):
		floor := 600_000
		if strings.Contains(v, "sha512") || strings.Contains(v, "sha-512") {
			floor = 210_000
		} else if strings.Contains(v, "sha1") || strings.Contains(v, "sha-1") {
			floor = 1_300_000
		}
		if n, ok := iterations(v); ok && n < floor {
			return true, fmt.Sprintf("PBKDF2 with %d iterations is below OWASP's %d for its hash", n, floor)
		}
		return false, ""
	case hasAnyPrefix(v, "$1$", "$5$", "$6$", "$md5"):
		return true, "MD5-crypt and SHA-crypt are neither memory-hard nor tunable enough against GPU cracking"
	case hexDigestRe.MatchString(v) && digestNames[len(v)] != "":
		return true, "an unsalted " + digestNames[len(v)] + " digest: one GPU tries billions of guesses a second, and equal passwords hash alike"
	case fastHashRe.MatchString(v):
		return true, "a fast hash: one GPU tries billions of guesses a second against it"
	case v == "plain" || v == "plaintext" || v == "clear" || v == "cleartext" || v == "none" || v == "raw" || v == "noop":
		return true, "passwords are stored in clear text"
	}
	return false, ""
}

// iterations finds the first number in a PBKDF2 declaration once the names
// that contain digits (pbkdf2, sha256) are removed: "pbkdf2_sha256$600000$…",
// "pbkdf2:sha256:600000", "pbkdf2 iterations=310000".
func iterations(v string) (int, bool) {
	for _, tok := range strings.FieldsFunc(hashNameRe.ReplaceAllString(v, " "), func(r rune) bool { return r < '0' || r > '9' }) {
		if n, err := strconv.Atoi(tok); err == nil && len(tok) <= 10 {
			return n, true
		}
	}
	return 0, false
}

// displayScheme is the value as quoted in a finding: a scheme name
// ("pbkdf2_sha256$100000") is shown, a stored hash (a hex digest, or a
// modular crypt string with salt and hash, which an attacker could crack)
// is not.
func displayScheme(v string) string {
	v = strings.TrimSpace(v)
	if schemeRe.MatchString(v) && strings.Count(v, "$") <= 1 && !(hexDigestRe.MatchString(strings.ToLower(v)) && len(v) >= 32) {
		return v
	}
	return "a stored password hash (withheld)"
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
