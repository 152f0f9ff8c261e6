package neg

import (
	"net/http"
	"os/exec"
)

// Uptime runs a fixed command in a handler; no request data reaches it.
func UptimeHandler(w http.ResponseWriter, r *http.Request) {
	out, err := exec.CommandContext(r.Context(), "uptime").Output()
	if err != nil {
		http.Error(w, "uptime failed", http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(out)
}
