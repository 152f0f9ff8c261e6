package neg

import (
	"fmt"
	"os"
	"strings"
)

// Remove handles the error it cares about and discards one on purpose;
// the builder and fmt calls are on gosec's list of calls whose error may go.
func Remove(name string) error {
	var b strings.Builder
	b.WriteString("removing ")
	b.WriteString(name)
	fmt.Println(b.String())
	if err := os.Remove(name); err != nil {
		return err
	}
	_ = os.Remove(name + ".bak")
	return nil
}
