package ignored

import "crypto/md5"

var _ = md5.New
