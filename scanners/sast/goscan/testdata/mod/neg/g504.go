package neg

import (
	"net"
	"net/http"
	"net/http/fcgi"
)

// FastCGI imports net/http/fcgi, not net/http/cgi.
func FastCGI(l net.Listener, h http.Handler) error { return fcgi.Serve(l, h) }
