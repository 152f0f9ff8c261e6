module example.com/nested/inner

go 1.26
