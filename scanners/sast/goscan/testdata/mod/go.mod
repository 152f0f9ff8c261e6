module example.com/fixture

go 1.26.0

require golang.org/x/crypto v0.58.0

require golang.org/x/sys v0.50.0 // indirect
