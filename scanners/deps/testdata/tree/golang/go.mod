module example.com/settler

go 1.22

require (
	golang.org/x/text v0.3.5
	golang.org/x/crypto v0.31.0
)
