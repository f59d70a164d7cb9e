package exploretest

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
)

// VariantAtDefaults builds a catalogue variant at its own defaults, checks
// the model contract on it, explores it completely and requires that the
// properties the variant declares (catalog.Variant.Violates) fail and every
// other property of the model holds. It returns the result.
func VariantAtDefaults[S, A any](t testing.TB, spec catalog.Spec[S, A], variant string) *explore.Result {
	t.Helper()
	c, err := spec.Defaults(variant)
	require.NoError(t, err)
	m, err := spec.Build(c)
	require.NoError(t, err)
	Contract(t, m)
	v, err := spec.Variant(variant)
	require.NoError(t, err)
	res, err := explore.Check(m, explore.Options{Workers: 2})
	require.NoError(t, err)
	require.True(t, res.Complete, "%s at its defaults: %s", variant, res.StopReason)
	for _, p := range res.Properties {
		want := explore.Holds
		if slices.Contains(v.Violates, p.Name) {
			want = explore.Violated
		}
		require.Equal(t, want, p.Status, "%s at its defaults (%v): %q %s", variant, c, p.Name, p.Message)
	}
	for _, name := range v.Violates {
		_, ok := res.Property(name)
		require.True(t, ok, "%s declares it violates %q, which the model does not have", variant, name)
	}
	return res
}

// ContractEverywhere checks the model contract (Contract) on every variant
// of spec at its own defaults, on every network the spec allows.
func ContractEverywhere[S, A any](t testing.TB, spec catalog.Spec[S, A]) {
	t.Helper()
	for _, v := range spec.VariantList() {
		for _, net := range spec.Networks {
			c, err := spec.Defaults(v.Name)
			require.NoError(t, err)
			c.Network = net.String()
			c, err = spec.Validate(c)
			require.NoError(t, err, "%s on %v", v.Name, net)
			m, err := spec.Build(c)
			require.NoError(t, err, "%s on %v", v.Name, net)
			Contract(t, m)
		}
	}
}
