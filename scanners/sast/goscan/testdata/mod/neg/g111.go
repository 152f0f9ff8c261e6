package neg

import "net/http"

// Static serves one directory, not the root of the file system.
func Static() http.Handler { return http.FileServer(http.Dir("public")) }
