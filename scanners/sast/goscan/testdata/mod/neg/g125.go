package neg

import "net/url"

// ItemURL escapes the segment before joining it.
func ItemURL(base, seg string) (string, error) {
	return url.JoinPath(base, "items", url.PathEscape(seg))
}
