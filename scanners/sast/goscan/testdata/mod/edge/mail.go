package edge

import (
	"net/http"
	"net/smtp"
)

// Notify sends mail from the address the request names.
func Notify(w http.ResponseWriter, r *http.Request) {
	if err := smtp.SendMail("localhost:25", nil, r.FormValue("from"), []string{"ops@example.com"}, []byte("subject: hi\r\n\r\nhi\r\n")); err != nil {
		http.Error(w, "mail failed", http.StatusBadGateway)
	}
}
