package textscan

import (
	"strings"
	"testing"
)

func TestHexRuns(t *testing.T) {
	h := strings.Repeat("ab12", 16) // 64 hex digits
	tests := []struct {
		in   string
		want []int // starts
	}{
		{h, []int{0}},
		{"k=0x" + h + "\n", []int{4}},
		{"k=\"" + h + "\"", []int{3}},
		{"zz" + h, nil},             // glued to a word
		{h + "_", nil},              // glued after
		{h + "a", nil},              // 65 digits
		{h[:63], nil},               // 63 digits
		{h + " " + h, []int{0, 65}}, // two runs
		{"x" + h + h, nil},          // 128 digits
	}
	for _, tc := range tests {
		var got []int
		for s, e := range HexRuns([]byte(tc.in), 64) {
			if e-s != 64 {
				t.Errorf("%q: run %d-%d", tc.in, s, e)
			}
			got = append(got, s)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%.20q…: starts %v, want %v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%.20q…: starts %v, want %v", tc.in, got, tc.want)
			}
		}
	}
}

func TestAssignedName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`private_key: "V`, "private_key"},
		{`"walletKey": "V`, "walletKey"},
		{`KEY = b'V`, "KEY"},
		{`key=V`, "key"},
		{`signer := "V`, "signer"},
		{`'signer' => 'V`, "signer"},
		{`x.api-key = V`, "x.api-key"},
		{`print("V`, ""},
		{`value V`, ""},
		{`=V`, ""},
	} {
		s := strings.IndexByte(tc.in, 'V')
		if got := AssignedName([]byte(tc.in), s); got != tc.want {
			t.Errorf("AssignedName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
