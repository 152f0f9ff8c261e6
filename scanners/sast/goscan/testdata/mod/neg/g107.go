package neg

import "net/http"

// statusURL is fixed at build time.
const statusURL = "https://status.example.com/health"

// Status fetches a constant URL.
func Status() (int, error) {
	resp, err := http.Get(statusURL)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
