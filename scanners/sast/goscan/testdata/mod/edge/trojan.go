package edge

// Admin reports whether the user is an admin. The comment below hides a
// right-to-left override (U+202E), as Trojan Source does.
//
// ‮ nimda si resu eht fi
func Admin(user string) bool { return user == "root" }
