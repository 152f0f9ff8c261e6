//go:build !race

package envfile

const slowdown = 1
