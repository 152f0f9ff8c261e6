package main

import (
	"crypto/md5"
	"testing"
)

func TestHash(t *testing.T) {
	if md5.Sum(nil) == [16]byte{} {
		t.Fatal("zero")
	}
}
