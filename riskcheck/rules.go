package riskcheck

import (
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/riskcheck/limits"
)

// seedURI is where every riskcheck rule's limit comes from.
const seedURI = "https://github.com/bulwark-sec/bulwark/blob/main/docs/rules/riskcheck.md"

// Rules is riskcheck's catalogue: one rule per documented risk limit, and the
// rules of the keystore, env-file, systemd, logging and config checks. A
// finding's own severity can be higher than its rule's default (a value far
// past the limit, production only rules).
func Rules() []finding.Rule {
	r := func(id, title string, sev finding.Severity, cwe, fix string) finding.Rule {
		ru := finding.Rule{ID: id, Title: title, Severity: sev, Fix: fix, HelpURI: seedURI + "#" + id}
		if cwe != "" {
			ru.CWE = []string{cwe}
		}
		return ru
	}
	var out []finding.Rule
	for i := range limits.Table {
		l := &limits.Table[i]
		out = append(out, finding.Rule{ID: l.Rule(), Title: "Documented " + l.Name + " limit", Severity: l.Severity,
			Fix: l.Fix, HelpURI: seedURI + "#" + l.Rule(), CWE: []string{"CWE-770"},
			Description: "The deployed " + l.Name + " must be set and within the documented limit (seed section " + l.Seed + ")."})
	}
	return append(out,
		r("risk.ambiguous_value", "Risk limit value is ambiguous", finding.Medium, "", "write the value with its unit (3x, $50,000, 15%)"),
		r("risk.invalid_value", "Risk limit value cannot be read", finding.Medium, "", "set a value of the limit's type"),
		r("risk.unverifiable", "Risk limit computed at run time", finding.Info, "", "use a literal or a config file"),
		r("risk.unknown_key", "Unrecognised risk setting", finding.Info, "", "rename it to a documented alias, or ignore it"),
		r("risk.parse_error", "Risk configuration cannot be parsed", finding.High, "", "fix the syntax of the file"),
		r("risk.config_missing", "No risk configuration found", finding.High, "", "add a risk configuration or set riskcheck.paths"),
		r("risk.limit_loosened", "Documented risk limit loosened", finding.Low, "", "remove the override or keep its reason current"),
		r("riskcheck.unreadable", "Deployment file not checked", finding.Medium, "", "make the file readable"),
		r("riskcheck.file_too_large", "Deployment file too large to check", finding.Medium, "", "split the file or raise riskcheck.max_file_size"),
		r("config.weak_password_hash", "Weak password hashing", finding.High, "CWE-916", "hash passwords with argon2id (or bcrypt/scrypt) and a per-password salt"),
		r("config.plaintext_private_key", "Plaintext private key", finding.Critical, "CWE-312", "keep the key in an encrypted keystore or an encrypted: value, and rotate it"),
		r("env.permissions", "Environment file readable by others", finding.High, "CWE-732", "chmod 600 the file"),
		r("env.parse_error", "Environment file cannot be parsed", finding.Medium, "", "fix the syntax of the file"),
		r("env.unencrypted_secret", "Unencrypted secret in an environment file", finding.High, "CWE-312", "store it as NAME=encrypted:<ciphertext> and rotate the exposed value"),
		r("env.placeholder_secret", "Placeholder credential", finding.Info, "", "set the real value as an encrypted: value in the deployed file"),
		r("env.password_missing", "Production password not set", finding.High, "CWE-521", "set a strong password for the service"),
		r("env.debug_enabled", "Debug mode on in production", finding.Medium, "CWE-489", "turn debug off in production"),
		r("env.weak_password_hash", "Weak password hashing", finding.High, "CWE-916", "hash passwords with argon2id (or bcrypt/scrypt) and a per-password salt"),
		r("keystore.permissions", "Keystore readable by others", finding.High, "CWE-732", "chmod 600 the keystore"),
		r("keystore.malformed", "Keystore cannot be read", finding.Medium, "", "replace it with a valid Web3 Secret Storage (V3) keystore"),
		r("keystore.cipher", "Keystore cipher is not aes-128-ctr", finding.High, "CWE-327", "re-encrypt the key with geth's defaults"),
		r("keystore.mac_missing", "Keystore has no MAC", finding.High, "CWE-353", "re-encrypt the key with geth's defaults"),
		r("keystore.weak_kdf", "Keystore key derivation is weak", finding.High, "CWE-916", "re-encrypt with scrypt n ≥ 262144 (geth's standard)"),
		r("keystore.hostile_kdf", "Keystore key derivation parameters are hostile", finding.High, "CWE-400", "replace the keystore: its parameters would exhaust memory or time"),
		r("keystore.oversized", "Keystore of absurd size", finding.High, "CWE-400", "replace the file with the real keystore: padding hides the key from checks"),
		r("keystore.duplicate_key", "Keystore field appears more than once", finding.High, "CWE-436", "keep one copy of each field: tools disagree on which copy they read"),
		r("keystore.tampered", "Keystore does not decrypt to its address", finding.Critical, "CWE-345", "restore the keystore from a trusted backup"),
		r("systemd.no_service_section", "Unit has no [Service] section", finding.Medium, "", "add the [Service] section"),
		r("systemd.parse_error", "systemd unit line cannot be parsed", finding.Medium, "", "fix the syntax of the unit"),
		r("systemd.user", "Trading service runs as root", finding.High, "CWE-250", "set User= to a dedicated account"),
		r("systemd.no_new_privileges", "Service can gain privileges", finding.High, "CWE-269", "set NoNewPrivileges=true"),
		r("systemd.protect_system", "File system writable by the service", finding.High, "CWE-732", "set ProtectSystem=strict"),
		r("systemd.exposure", "Service exposure too high", finding.Medium, "CWE-250", "apply the seed's hardening settings"),
		r("systemd.cpu_quota", "CPU quota over the limit", finding.Medium, "CWE-770", "set CPUQuota= within the documented limit"),
		r("systemd.memory_max", "Memory limit over the limit", finding.Medium, "CWE-770", "set MemoryMax= within the documented limit"),
		r("systemd.limit_nofile", "Open-file limit over the limit", finding.Medium, "CWE-770", "set LimitNOFILE= within the documented limit"),
		r("logging.no_rotation", "Log file never rotates", finding.Medium, "CWE-400", "rotate logs at 100 MB, keeping 10"),
		r("logging.rotation_size", "Log rotation size over 100 MB", finding.Medium, "CWE-400", "rotate logs at 100 MB"),
		r("logging.rotation_backups", "Log rotation keeps too few or too many files", finding.Medium, "CWE-779", "keep 10 rotated logs"),
		r("logging.json_format", "Logs are not JSON", finding.Low, "", "log in JSON"),
		r("logging.error_log", "No separate error log", finding.Low, "", "send ERROR and above to their own file"),
		r("logging.parse_error", "Logging configuration cannot be parsed", finding.Medium, "", "fix the syntax of the file"),
	)
}

// Rules implements the registry's catalogue hook.
func (Scanner) Rules() []finding.Rule { return Rules() }
