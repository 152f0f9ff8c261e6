package neg

import "os"

// Save writes with 0600.
func Save(name string, data []byte) error { return os.WriteFile(name, data, 0o600) }
