//go:build !race

package testutil

// Slowdown scales the time bounds of tests that guard against pathological
// inputs (10 under the race detector).
const Slowdown = 1
