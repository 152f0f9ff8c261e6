module example.com/usesmissing

go 1.26

require example.com/missing v1.0.0
