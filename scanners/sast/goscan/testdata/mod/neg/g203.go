package neg

import "html/template"

// Banner marks a constant as HTML; nothing from outside goes in.
func Banner() template.HTML { return template.HTML("<b>maintenance at noon</b>") }
