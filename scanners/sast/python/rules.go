package python

import "github.com/bulwark-sec/bulwark/internal/finding"

const (
	low    = finding.Low
	medium = finding.Medium
	high   = finding.High
)

// The rules of Bandit's plugins.
var (
	ruleAssert = rule(ruleDef{ID: "python.assert_used", BanditID: "B101", Test: "assert_used", kind: "plugin",
		Title: "Use of assert", Severity: low, Confidence: "high", CWE: "CWE-703",
		Description: "assert statements are removed when Python runs with -O, so a check made with assert does not run in optimised code. Not reported in test files (test_*.py, *_test.py, conftest.py, tests/ and test/ directories).",
		Fix:         "raise an exception (if not cond: raise ValueError(...)) for checks that must hold in production"})
	ruleExec = rule(ruleDef{ID: "python.exec_used", BanditID: "B102", Test: "exec_used", kind: "plugin",
		Title: "Use of exec", Severity: medium, Confidence: "high", CWE: "CWE-78",
		Description: "exec runs a string as Python code. Data flow rates it: code built only from constants is Low, code from a parameter, request, the environment, input() or sys.argv is High.",
		Fix:         "do not execute strings as code; dispatch through a table of functions or parse data with a real parser"})
	ruleChmod = rule(ruleDef{ID: "python.chmod_permissive", BanditID: "B103", Test: "set_bad_file_permissions", kind: "plugin",
		Title: "Permissive file mode set with chmod", Severity: high, Confidence: "high", CWE: "CWE-732",
		Description: "A chmod call with a literal mode that makes the file world-writable (High) or group-executable (Medium).",
		Fix:         "use the narrowest mode that works, e.g. 0o600 for private files and 0o755 at most for programs"})
	ruleBindAll = rule(ruleDef{ID: "python.bind_all_interfaces", BanditID: "B104", Test: "hardcoded_bind_all_interfaces", kind: "plugin",
		Title: "Binding to all network interfaces", Severity: medium, Confidence: "medium", CWE: "CWE-605",
		Description: "The string \"0.0.0.0\" usually means a server listening on every interface, reachable from any network the host is on. (Bandit 1.6.2 never runs this string check on Python 3.8+.)",
		Fix:         "bind to 127.0.0.1 or to the one interface the service needs, from configuration"})
	rulePwString = rule(ruleDef{ID: "python.hardcoded_password_string", BanditID: "B105", Test: "hardcoded_password_string", kind: "plugin",
		Title: "Hard-coded password string", Severity: low, Confidence: "medium", CWE: "CWE-259",
		Description: "A string literal assigned to, compared with, or stored under a key named like a password, token or secret; the empty string is not reported. (Bandit 1.6.2 never runs this string check on Python 3.8+.)",
		Fix:         "read the secret from the environment or a secrets manager, and rotate the one in the code"})
	rulePwFuncArg = rule(ruleDef{ID: "python.hardcoded_password_funcarg", BanditID: "B106", Test: "hardcoded_password_funcarg", kind: "plugin",
		Title: "Hard-coded password passed as an argument", Severity: low, Confidence: "medium", CWE: "CWE-259",
		Description: "A string literal other than \"\" passed as a keyword argument named like a password, token or secret.",
		Fix:         "pass the secret from the environment or a secrets manager"})
	rulePwDefault = rule(ruleDef{ID: "python.hardcoded_password_default", BanditID: "B107", Test: "hardcoded_password_default", kind: "plugin",
		Title: "Hard-coded password as a parameter default", Severity: low, Confidence: "medium", CWE: "CWE-259",
		Description: "A function parameter named like a password, token or secret has a string literal default. Unlike Bandit 1.6.2, async functions and keyword-only parameters are checked too, and an empty string is not reported.",
		Fix:         "give the parameter no default (or None) and pass the secret in from configuration"})
	ruleTmp = rule(ruleDef{ID: "python.hardcoded_tmp_directory", BanditID: "B108", Test: "hardcoded_tmp_directory", kind: "plugin",
		Title: "Hard-coded temporary directory", Severity: medium, Confidence: "medium", CWE: "CWE-377",
		Description: "A string starting with /tmp, /var/tmp or /dev/shm: predictable paths in shared directories invite symlink and race attacks. (Bandit 1.6.2 never runs this string check on Python 3.8+.)",
		Fix:         "use tempfile.mkstemp, tempfile.NamedTemporaryFile or tempfile.TemporaryDirectory"})
	ruleTryPass = rule(ruleDef{ID: "python.try_except_pass", BanditID: "B110", Test: "try_except_pass", kind: "plugin",
		Title: "try/except/pass", Severity: low, Confidence: "high", CWE: "CWE-703",
		Description: "An except clause for all exceptions (bare, or Exception) whose only statement is pass hides every error.",
		Fix:         "catch the specific exception expected, and log or handle it"})
	ruleTryContinue = rule(ruleDef{ID: "python.try_except_continue", BanditID: "B112", Test: "try_except_continue", kind: "plugin",
		Title: "try/except/continue", Severity: low, Confidence: "high", CWE: "CWE-703",
		Description: "An except clause for all exceptions (bare, or Exception) whose only statement is continue hides every error.",
		Fix:         "catch the specific exception expected, and log or handle it"})
	ruleTimeout = rule(ruleDef{ID: "python.request_without_timeout", BanditID: "B113", Test: "request_without_timeout", kind: "plugin",
		Title: "HTTP request without a timeout", Severity: medium, Confidence: "low", CWE: "CWE-400",
		Description: "A requests call (get, post, ...) without timeout=, or a requests or httpx call with timeout=None, can hang for ever. (A newer Bandit check; not in 1.6.2. Calls passing **kwargs are not reported: the timeout may be in them.)",
		Fix:         "pass timeout= with a bound suited to the service, e.g. timeout=(3.05, 27)"})
	ruleFlaskDebug = rule(ruleDef{ID: "python.flask_debug", BanditID: "B201", Test: "flask_debug_true", kind: "plugin",
		Title: "Flask app run with debug=True", Severity: high, Confidence: "medium", CWE: "CWE-94",
		Description: "debug=True exposes the Werkzeug debugger, which runs arbitrary code sent to it.",
		Fix:         "never enable debug in code that can reach production; take it from configuration"})
	ruleTarfile = rule(ruleDef{ID: "python.tarfile_extractall", BanditID: "B202", Test: "tarfile_unsafe_members", kind: "plugin",
		Title: "tarfile.extractall without a member filter", Severity: high, Confidence: "high", CWE: "CWE-22",
		Description: "extractall writes members with absolute paths, .. components and links wherever they point. High with no members= and no filter; Medium with members= that is not a function call; Low with members=function(...). filter=\"data\" or \"tar\" (or tarfile.data_filter, tarfile.tar_filter) is safe. (A newer Bandit check; not in 1.6.2.)",
		Fix:         "pass filter=\"data\" (Python 3.12+, backported to 3.8.17+), or members= a function that drops unsafe members"})
	hashlibNewRule = rule(ruleDef{ID: "python.hashlib_new_insecure", BanditID: "B324", Test: "hashlib_new", kind: "plugin",
		Title: "hashlib.new with MD4 or MD5", Severity: medium, Confidence: "high", CWE: "CWE-327",
		Description: "hashlib.new(\"md4\") or hashlib.new(\"md5\"): broken hash functions, as Bandit 1.6.2 checks them.",
		Fix:         "use hashlib.sha256 or better; for passwords a password hash"})
	ruleRequestsVerify = rule(ruleDef{ID: "python.request_no_cert_validation", BanditID: "B501", Test: "request_with_no_cert_validation", kind: "plugin",
		Title: "HTTP request with certificate validation disabled", Severity: high, Confidence: "high", CWE: "CWE-295",
		Description: "verify=False on a requests (or httpx) call accepts any certificate, so anyone on the path can read and change the traffic.",
		Fix:         "remove verify=False; for a private CA pass verify=\"/path/to/ca.pem\""})
	ruleSSLVersion = rule(ruleDef{ID: "python.ssl_bad_version", BanditID: "B502", Test: "ssl_with_bad_version", kind: "plugin",
		Title: "Insecure SSL/TLS protocol version", Severity: high, Confidence: "high", CWE: "CWE-327",
		Description: "SSLv2, SSLv3 and TLSv1 passed as ssl_version= or method= (and, beyond Bandit, as the first argument of OpenSSL.SSL.Context).",
		Fix:         "use ssl.create_default_context() or PROTOCOL_TLS_CLIENT with minimum_version = TLSVersion.TLSv1_2"})
	ruleSSLDefaults = rule(ruleDef{ID: "python.ssl_bad_defaults", BanditID: "B503", Test: "ssl_with_bad_defaults", kind: "plugin",
		Title: "Insecure SSL/TLS protocol version as a default", Severity: medium, Confidence: "medium", CWE: "CWE-327",
		Description: "A function parameter defaults to SSLv2, SSLv3 or TLSv1.",
		Fix:         "default to a modern protocol (ssl.PROTOCOL_TLS_CLIENT) and a minimum of TLS 1.2"})
	ruleSSLNoVersion = rule(ruleDef{ID: "python.ssl_no_version", BanditID: "B504", Test: "ssl_with_no_version", kind: "plugin",
		Title: "ssl.wrap_socket without a protocol version", Severity: low, Confidence: "medium", CWE: "CWE-327",
		Description: "ssl.wrap_socket with no ssl_version uses a default that may allow insecure protocols.",
		Fix:         "use ssl.create_default_context().wrap_socket(...)"})
	ruleWeakKey = rule(ruleDef{ID: "python.weak_cryptographic_key", BanditID: "B505", Test: "weak_cryptographic_key", kind: "plugin",
		Title: "Weak cryptographic key", Severity: high, Confidence: "high", CWE: "CWE-326",
		Description: "An RSA or DSA key under 2048 bits (High under 1024), or an EC key under 224 bits (High under 160), generated with cryptography or PyCrypto(dome).",
		Fix:         "use RSA 3072+ bits, or an EC curve such as SECP256R1, or Ed25519"})
	ruleYAML = rule(ruleDef{ID: "python.yaml_load", BanditID: "B506", Test: "yaml_load", kind: "plugin",
		Title: "Unsafe YAML load", Severity: medium, Confidence: "high", CWE: "CWE-20",
		Description: "yaml.load (and load_all) without SafeLoader/CSafeLoader, and yaml.unsafe_load, can build arbitrary Python objects from the document. Unlike Bandit 1.6.2, `from yaml import load` counts as importing yaml and a positional Loader is read.",
		Fix:         "use yaml.safe_load, or pass Loader=yaml.SafeLoader"})
	ruleSSHHostKey = rule(ruleDef{ID: "python.ssh_no_host_key_verification", BanditID: "B507", Test: "ssh_no_host_key_verification", kind: "plugin",
		Title: "SSH host key not verified", Severity: high, Confidence: "medium", CWE: "CWE-295",
		Description: "paramiko's AutoAddPolicy or WarningPolicy (class or instance) accepts unknown host keys, so a man in the middle is not detected.",
		Fix:         "load known hosts (load_system_host_keys) and use RejectPolicy"})
	ruleParamiko = rule(ruleDef{ID: "python.paramiko_exec_command", BanditID: "B601", Test: "paramiko_calls", kind: "plugin",
		Title: "Shell command run over SSH with paramiko", Severity: medium, Confidence: "medium", CWE: "CWE-78",
		Description: "exec_command runs its string in the remote user's shell. Data flow rates it: Low for a constant command, High for one built from a parameter, request, the environment, input() or sys.argv.",
		Fix:         "build the remote command from fixed parts and quote any variable part with shlex.quote"})
	ruleShell = rule(ruleDef{ID: "python.subprocess_shell", BanditID: "B602", Test: "subprocess_popen_with_shell_equals_true", kind: "plugin",
		Title: "subprocess call with shell=True", Severity: high, Confidence: "high", CWE: "CWE-78",
		Description: "A subprocess function run with a true shell= passes its command to /bin/sh. Data flow rates it: Low when the command is built only from constants, High otherwise (and when it comes from a parameter, request, the environment, input() or sys.argv).",
		Fix:         "pass a list of arguments without shell=True; if a shell is unavoidable, quote variable parts with shlex.quote"})
	ruleNoShell = rule(ruleDef{ID: "python.subprocess_without_shell", BanditID: "B603", Test: "subprocess_without_shell_equals_true", kind: "plugin",
		Title: "subprocess call without a shell", Severity: low, Confidence: "high", CWE: "CWE-78",
		Description: "A subprocess call without shell=True: safe from shell injection, but the program and its arguments should still be checked if they can come from outside.",
		Fix:         "make sure the executable and arguments are not attacker-controlled"})
	ruleShellOther = rule(ruleDef{ID: "python.shell_true_other_function", BanditID: "B604", Test: "any_other_function_with_shell_equals_true", kind: "plugin",
		Title: "Function call with shell=True", Severity: medium, Confidence: "low", CWE: "CWE-78",
		Description: "A call, not to subprocess, with a true shell= argument: probably a wrapper that runs a shell. Data flow rates it: Low for a constant first argument, High for one from a parameter, request, the environment, input() or sys.argv, else Medium.",
		Fix:         "avoid the shell; pass arguments as a list"})
	ruleStartShell = rule(ruleDef{ID: "python.start_process_with_shell", BanditID: "B605", Test: "start_process_with_a_shell", kind: "plugin",
		Title: "Process started with a shell (os.system, os.popen)", Severity: high, Confidence: "high", CWE: "CWE-78",
		Description: "os.system, os.popen, popen2 and commands run their string through a shell. Data flow rates it: Low when the command is built only from constants, High otherwise.",
		Fix:         "use subprocess.run with a list of arguments and no shell"})
	ruleStartNoShell = rule(ruleDef{ID: "python.start_process_no_shell", BanditID: "B606", Test: "start_process_with_no_shell", kind: "plugin",
		Title: "Process started without a shell (os.exec*, os.spawn*)", Severity: low, Confidence: "medium", CWE: "CWE-78",
		Description: "os.exec*, os.spawn* and os.startfile start a program; check that the program and arguments cannot come from outside.",
		Fix:         "make sure the executable and arguments are not attacker-controlled"})
	rulePartialPath = rule(ruleDef{ID: "python.start_process_partial_path", BanditID: "B607", Test: "start_process_with_partial_path", kind: "plugin",
		Title: "Process started with a partial executable path", Severity: low, Confidence: "high", CWE: "CWE-78",
		Description: "The program is named without a path, so it is looked up in PATH, which an attacker may control.",
		Fix:         "name the executable by its absolute path"})
	ruleSQL = rule(ruleDef{ID: "python.sql_string_formatting", BanditID: "B608", Test: "hardcoded_sql_expressions", kind: "plugin",
		Title: "SQL built by string formatting", Severity: medium, Confidence: "low", CWE: "CWE-89",
		Description: "An SQL statement built with %, +, .format or an f-string. Confidence is Medium when it is passed straight to execute/executemany. Data flow rates it: Low when every inserted value is a constant, High when one comes from a parameter, request, the environment, input() or sys.argv. (Bandit 1.6.2 never runs this string check on Python 3.8+.)",
		Fix:         "use the driver's parameters: cursor.execute(\"... WHERE id = %s\", (id,))"})
	ruleWildcard = rule(ruleDef{ID: "python.wildcard_injection", BanditID: "B609", Test: "linux_commands_wildcard_injection", kind: "plugin",
		Title: "Wildcard in a shell command (chown, chmod, tar, rsync)", Severity: high, Confidence: "medium", CWE: "CWE-78",
		Description: "A shell command running chown, chmod, tar or rsync with *: file names starting with - become options (e.g. --checkpoint-action=exec).",
		Fix:         "expand the file list in Python and pass it after --, without a shell"})
	ruleDjangoExtra = rule(ruleDef{ID: "python.django_extra", BanditID: "B610", Test: "django_extra_used", kind: "plugin",
		Title: "Django QuerySet.extra with non-literal SQL", Severity: medium, Confidence: "medium", CWE: "CWE-89",
		Description: "extra() with where, tables or select built from anything but string literals can carry SQL injection.",
		Fix:         "use the ORM's filters and annotations, or params= for values"})
	ruleDjangoRawSQL = rule(ruleDef{ID: "python.django_rawsql", BanditID: "B611", Test: "django_rawsql_used", kind: "plugin",
		Title: "Django RawSQL with non-literal SQL", Severity: medium, Confidence: "medium", CWE: "CWE-89",
		Description: "RawSQL with an SQL string that is not a literal. Data flow rates it: Low when built only from constants, High when from a parameter, request, the environment, input() or sys.argv.",
		Fix:         "keep the SQL literal and pass values through params"})
	ruleJinja = rule(ruleDef{ID: "python.jinja2_autoescape_false", BanditID: "B701", Test: "jinja2_autoescape_false", kind: "plugin",
		Title: "Jinja2 environment without autoescape", Severity: high, Confidence: "high", CWE: "CWE-94",
		Description: "jinja2.Environment with autoescape missing or false renders variables unescaped: cross-site scripting. Unlike Bandit 1.6.2, jinja2.select_autoescape(...) is accepted in its attribute form too.",
		Fix:         "pass autoescape=True or autoescape=select_autoescape()"})
	ruleMako = rule(ruleDef{ID: "python.mako_templates", BanditID: "B702", Test: "use_of_mako_templates", kind: "plugin",
		Title: "Mako template", Severity: medium, Confidence: "high", CWE: "CWE-80",
		Description: "Mako does not escape HTML by default.",
		Fix:         "use default_filters=['h'] or escape each expression (${ x | h })"})
	ruleDjangoMarkSafe = rule(ruleDef{ID: "python.django_mark_safe", BanditID: "B703", Test: "django_mark_safe", kind: "plugin",
		Title: "Django mark_safe on non-constant text", Severity: medium, Confidence: "high", CWE: "CWE-80",
		Description: "mark_safe (or SafeString and friends) on text that is not built only from constants disables escaping of what may be user data. High when the text comes from a parameter, request, the environment, input() or sys.argv.",
		Fix:         "escape with format_html or django.utils.html.escape instead of marking text safe"})
)

// The rules beyond Bandit.
var (
	rulePasswordHash = rule(ruleDef{ID: "python.password_fast_hash",
		Title: "Password hashed with a fast hash", Severity: high, Confidence: "medium", CWE: "CWE-916",
		Description: "hashlib's md5, sha1, sha2, sha3 or blake2 applied to something named like a password or passphrase, salted or not: fast hashes are brute-forced at billions of guesses per second.",
		Fix:         "hash passwords with argon2 (argon2-cffi), bcrypt, scrypt (hashlib.scrypt) or PBKDF2 (hashlib.pbkdf2_hmac) with a high work factor"})
	ruleJWT = rule(ruleDef{ID: "python.jwt_no_verify",
		Title: "JWT decoded without verification", Severity: high, Confidence: "high", CWE: "CWE-347",
		Description: "jwt.decode (PyJWT, python-jose) with options={\"verify_signature\": False}, verify=False, or an algorithms list that admits \"none\" accepts forged tokens; with algorithms= missing (Medium, medium confidence) PyJWT 1.x accepts any algorithm the token names.",
		Fix:         "verify the signature: pass the key and algorithms=[\"RS256\"] (or the one algorithm you issue)"})
	ruleTiming = rule(ruleDef{ID: "python.timing_unsafe_compare",
		Title: "Secret compared with == or !=", Severity: medium, Confidence: "medium", CWE: "CWE-208",
		Description: "A token, signature, HMAC digest, password hash or API key compared with == or != leaks through timing how much of it matched.",
		Fix:         "compare with hmac.compare_digest(a, b) (or secrets.compare_digest)"})
	ruleSecretLog = rule(ruleDef{ID: "python.secret_in_log",
		Title: "Secret written to a log", Severity: medium, Confidence: "medium", CWE: "CWE-532",
		Description: "A logging call or print whose message includes a variable named like a password, token, secret, API key or private key (directly, or through an f-string, %, .format or +).",
		Fix:         "log that the secret was used, not its value; mask it if it must be identified (last four characters)"})
)
