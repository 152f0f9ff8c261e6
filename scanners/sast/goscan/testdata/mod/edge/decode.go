package edge

import (
	"encoding/gob"
	"encoding/xml"
	"net/http"
	"strings"
)

// Decode decodes gob from a form value.
func Decode(w http.ResponseWriter, r *http.Request) {
	var v map[string]int
	if err := gob.NewDecoder(strings.NewReader(r.FormValue("blob"))).Decode(&v); err != nil {
		http.Error(w, "bad blob", http.StatusBadRequest)
	}
}

// DecodeXML unmarshals XML from a form value.
func DecodeXML(w http.ResponseWriter, r *http.Request) {
	var v struct{ Name string }
	if err := xml.Unmarshal([]byte(r.FormValue("doc")), &v); err != nil {
		http.Error(w, "bad document", http.StatusBadRequest)
	}
}

// DecodeBody decodes gob straight from the body. gosec v2.30.0 misses this
// one: r.Body (io.ReadCloser) reaches gob.NewDecoder (io.Reader) through an
// ssa.ChangeInterface, which its taint engine does not follow.
func DecodeBody(w http.ResponseWriter, r *http.Request) {
	var v map[string]int
	if err := gob.NewDecoder(r.Body).Decode(&v); err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
	}
}
