package keystore

import (
	"fmt"
	"strconv"

	"github.com/bulwark-sec/bulwark/internal/redact"
)

// verdict is the judgement of a keystore's KDF.
type verdict struct {
	rule     string   // "", ruleWeakKDF or ruleHostileKDF
	deployed string   // the parameters as deployed, e.g. "scrypt N=4096 r=8 p=6 dklen=32"
	limit    string   // what is required
	problems []string // what is wrong, in words
	decrypt  bool     // a decrypt is both possible and bounded
}

// judgeKDF applies the hostile limits first (a hostile file is never
// decrypted), then the strength floor. See the constants in keystore.go.
func judgeKDF(f *File) verdict {
	ps, salt := f.Params, len(f.Crypto.KDFParams["salt"].(string))/2
	switch f.Crypto.KDF {
	case "scrypt":
		n, r, p, dk := ps["n"], ps["r"], ps["p"], ps["dklen"]
		v := verdict{deployed: fmt.Sprintf("scrypt N=%d r=%d p=%d dklen=%d", n, r, p, dk)}
		mem := 128 * float64(r) * (float64(n) + float64(p))
		work := float64(n) * float64(r) * float64(p)
		v.check(n > maxScryptN, fmt.Sprintf("N above 2^22 (%d)", maxScryptN))
		v.check(n < 2 || n&(n-1) != 0, "N not a power of two above 1 (scrypt rejects it)")
		v.check(p > maxScryptP, fmt.Sprintf("p above %d", maxScryptP))
		v.check(mem > maxScryptMem, fmt.Sprintf("needs %.0f MiB, above 1 GiB (128·r·(N+p) bytes)", mem/(1<<20)))
		v.check(work > maxScryptWork, "scrypt work N·r·p above 2^24 (8x geth's standard)")
		v.check(float64(r)*float64(p) > maxScryptRP, "r·p above 1024 (128x geth's standard; scrypt's PBKDF2 passes grow with it)")
		v.check(dk > maxDKLen, fmt.Sprintf("dklen above %d", maxDKLen))
		if len(v.problems) > 0 {
			v.rule, v.limit = ruleHostileKDF, "N a power of two with 2 ≤ N ≤ 2^22, p ≤ 16, 128·r·(N+p) ≤ 1 GiB, N·r·p ≤ 2^24, r·p ≤ 1024, dklen ≤ 1024"
			return v
		}
		v.check(n < minScryptN, fmt.Sprintf("N below %d (geth's StandardScryptN)", minScryptN))
		v.check(r != scryptR, "r not 8")
		v.check(dk != keyLen, "dklen not 32")
		v.check(salt < minSaltBytes, fmt.Sprintf("salt of %d bytes, under %d", salt, minSaltBytes))
		v.decrypt = dk >= keyLen // go-ethereum slices derivedKey[16:32]
		if len(v.problems) > 0 {
			v.rule, v.limit = ruleWeakKDF, "scrypt N ≥ 262144, r = 8, p ≥ 1, dklen = 32, salt ≥ 16 bytes"
		}
		return v
	case "pbkdf2":
		c, dk := ps["c"], ps["dklen"]
		prf, _ := f.Crypto.KDFParams["prf"].(string)
		v := verdict{deployed: fmt.Sprintf("pbkdf2 c=%d dklen=%d prf=%s", c, dk, nameOf(prf, knownPRFs))}
		v.check(c > maxPBKDF2Iter, "c above 10,000,000")
		v.check(dk > maxDKLen, fmt.Sprintf("dklen above %d", maxDKLen))
		if len(v.problems) > 0 {
			v.rule, v.limit = ruleHostileKDF, "c ≤ 10,000,000, dklen ≤ 1024"
			return v
		}
		v.check(prf != "hmac-sha256", "prf not hmac-sha256 (go-ethereum cannot decrypt it)")
		v.check(c < minPBKDF2Iter, "c below 600,000 (OWASP 2023 minimum for PBKDF2-HMAC-SHA256)")
		v.check(dk != keyLen, "dklen not 32")
		v.check(salt < minSaltBytes, fmt.Sprintf("salt of %d bytes, under %d", salt, minSaltBytes))
		v.decrypt = dk >= keyLen && prf == "hmac-sha256"
		if len(v.problems) > 0 {
			v.rule, v.limit = ruleWeakKDF, "pbkdf2 with prf hmac-sha256, c ≥ 600,000, dklen = 32, salt ≥ 16 bytes"
		}
		return v
	}
	return verdict{rule: ruleWeakKDF, deployed: "kdf " + nameOf(f.Crypto.KDF, knownKDFs), limit: "scrypt (or pbkdf2)",
		problems: []string{"an unknown KDF: go-ethereum only decrypts scrypt and pbkdf2"}}
}

func (v *verdict) check(failed bool, problem string) {
	if failed {
		v.problems = append(v.problems, problem)
	}
}

// detail lists the KDF parameters (never the salt) beside the usual keys.
func (v verdict) detail(f *File, fix string) map[string]any {
	d := map[string]any{"deployed": v.deployed, "limit": v.limit, "fix": fix, "kdf": nameOf(f.Crypto.KDF, knownKDFs)}
	for k, n := range f.Params {
		d[k] = n
	}
	if prf, ok := f.Crypto.KDFParams["prf"].(string); ok {
		d["prf"] = nameOf(prf, knownPRFs)
	}
	d["salt_bytes"] = len(f.Crypto.KDFParams["salt"].(string)) / 2
	return d
}

// The names keystore tools write, or might: a name read from the file is
// quoted whole only when it is one of these (in any letter case), since it
// then cannot be a secret pasted into the wrong field.
var (
	knownCiphers = []string{"aes-128-ctr", "aes-192-ctr", "aes-256-ctr", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc",
		"aes-128-gcm", "aes-192-gcm", "aes-256-gcm", "chacha20-poly1305", "xchacha20-poly1305"}
	knownKDFs = []string{"scrypt", "pbkdf2", "argon2id", "argon2i", "argon2d", "bcrypt"}
	knownPRFs = []string{"hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224", "hmac-sha1"}
)

// nameOf is how a name from the file appears in a finding: whole when it is
// a known one, else only its length and redact.Redact's few characters.
func nameOf(s string, known []string) string {
	for _, k := range known {
		if equalFold(s, k) {
			q := strconv.QuoteToASCII(s) // a Kelvin sign shows as \u212a
			return q[1 : len(q)-1]
		}
	}
	if s == "" {
		return "empty"
	}
	return fmt.Sprintf("an unknown name of %d bytes (%s)", len(s), redact.Redact([]byte(s)))
}
