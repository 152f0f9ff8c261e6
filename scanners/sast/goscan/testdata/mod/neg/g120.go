package neg

import "net/http"

// Form parses a bounded URL-encoded form (ParseForm caps the body too).
func Form(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
	}
}
