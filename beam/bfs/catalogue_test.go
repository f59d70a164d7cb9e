package bfs

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/beam/load"
	"github.com/protocheck/protocheck/protocols"
)

// smaller shrinks the catalogue's defaults to hundreds or a few thousand
// states (measured with explore.Visit), by protocol and by
// protocol/variant; the variant's own settings stay otherwise. Most broken
// variants still fail at these sizes, so the comparison covers violations
// and their traces, not only passing runs.
var smaller = map[string]string{
	"bully":                   "n=2",
	"lamport":                 "n=2",
	"lamport/message-failure": "faults=dup=1",
	"maekawa":                 "n=3",
	"multicast":               "msgs=1",
	"multicast/reliable":      "faults=none",
	"multicast/per-group-d-R": "ordering=fifo",
	"naming":                  "retries=0",
	"ricart-agrawala":         "n=2",
	"rpc":                     "faults=drop=1,crash=1",
	"securerpc":               "attacker=2",
	"ssl":                     "attacker=1",
	"twopc":                   "n=2",
	"twopc/correct":           "faults=crash=1",
	"twopc/cooperative":       "faults=crash=1",
	"twopc/recover-commits":   "n=1",
	"voting":                  "n=2",
}

// catalogueLine is the configuration a variant is tested at.
func catalogueLine(t *testing.T, protocol, variant string) string {
	t.Helper()
	keys := []string{"variant"}
	vals := map[string]string{"variant": variant}
	for _, tok := range strings.Fields(smaller[protocol] + " " + smaller[protocol+"/"+variant]) {
		k, v, _ := strings.Cut(tok, "=")
		if _, ok := vals[k]; !ok {
			keys = append(keys, k)
		}
		vals[k] = v // the variant's entry wins over the protocol's
	}
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+"="+vals[k])
	}
	line := strings.Join(parts, " ")
	full, err := load.Canonical(protocol, line)
	require.NoError(t, err, line)
	return full
}

// Every catalogue spec and variant, explored completely on prism, has the
// in-memory engine's distinct states, successors, states per level,
// verdicts and traces (the same index paths). A spec that declares a
// symmetry is also run reduced, at its default variant. -short keeps the
// default variant and the first broken one of each spec.
func TestCatalogueMatchesMemory(t *testing.T) {
	for _, e := range protocols.All() {
		info := e.Info()
		broken := 0
		for i, v := range info.VariantList() {
			if v.Broken() {
				broken++
			}
			if testing.Short() && i > 0 && (!v.Broken() || broken > 1) {
				continue // -short: the default variant and the first broken one
			}
			t.Run(info.Name+"/"+v.Name, func(t *testing.T) {
				line := catalogueLine(t, info.Name, v.Name)
				m, _, err := load.Build(info.Name, line)
				require.NoError(t, err)
				mem := inMemory(t, m, false)
				assertSameAsMemory(t, mem, run(t, Spec{Protocol: info.Name, Config: line}, Options{Full: true, Shards: 2}))
				if i == 0 && e.Info().Symmetry != "" {
					mem := inMemory(t, m, true)
					assertSameAsMemory(t, mem, run(t, Spec{Protocol: info.Name, Config: line, Symmetry: true}, Options{Full: true, Shards: 2}))
				}
			})
		}
	}
}
