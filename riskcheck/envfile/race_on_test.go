//go:build race

package envfile

// slowdown is how much slower the race detector makes the parser.
const slowdown = 10
