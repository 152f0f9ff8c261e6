// Package neg holds near misses: code one step away from what each gosec
// rule flags, in one file per rule (g204.go for G204). The rule a file is
// named after must not fire on it, and no other rule should either.
package neg
