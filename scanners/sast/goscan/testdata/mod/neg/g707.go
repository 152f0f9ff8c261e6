package neg

import (
	"net/http"
	"net/mail"
	"net/smtp"
)

// Notify parses the sender's address before it reaches SMTP.
func Notify(w http.ResponseWriter, r *http.Request) {
	from, err := mail.ParseAddress(r.FormValue("from"))
	if err != nil {
		http.Error(w, "bad sender", http.StatusBadRequest)
		return
	}
	if err := smtp.SendMail("localhost:25", nil, from.Address, []string{"ops@example.com"}, []byte("subject: hi\r\n\r\nhi\r\n")); err != nil {
		http.Error(w, "mail failed", http.StatusBadGateway)
	}
}
