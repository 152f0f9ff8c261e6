package neg

// Greeting is right-to-left text without bidirectional control
// characters: שלום (shalom), café.
func Greeting() string { return "hello" }
