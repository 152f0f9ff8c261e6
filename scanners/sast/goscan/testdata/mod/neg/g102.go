package neg

import "net"

// ListenLocal binds the loopback interface only.
func ListenLocal() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:8080") }
