//go:build race

package testutil

// Slowdown scales the time bounds of tests that guard against pathological
// inputs: the race detector makes code several times slower.
const Slowdown = 10
