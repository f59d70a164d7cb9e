package protocols

import (
	"testing"

	"github.com/protocheck/protocheck/catalog"
)

// eachVariant runs f as a parallel subtest ("spec/variant") for every
// spec and every variant of the catalogue.
func eachVariant(t *testing.T, f func(t *testing.T, e Entry, v catalog.Variant)) {
	for _, e := range all {
		for _, v := range e.Info().VariantList() {
			t.Run(e.Info().Name+"/"+v.Name, func(t *testing.T) {
				t.Parallel()
				f(t, e, v)
			})
		}
	}
}
