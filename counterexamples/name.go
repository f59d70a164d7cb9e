package counterexamples

import (
	"strings"

	"github.com/protocheck/protocheck/catalog"
)

// TraceName is the file name of a saved counterexample to prop in a run of
// variant: <property-slug>[-<variant>].trace, the variant left out when it
// is the spec's default. Saved traces live in counterexamples/<protocol>/.
func TraceName(info *catalog.Info, prop, variant string) string {
	name := Slug(prop)
	if def, err := info.Variant(""); err == nil && variant != "" && variant != def.Name {
		name += "-" + Slug(variant)
	}
	return name + ".trace"
}

// Slug turns a name into a file name part: "mutual exclusion" becomes
// "mutual-exclusion".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "property"
	}
	return b.String()
}
