package naming

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model/actor"
)

// TestKnowledgeAsDrawn: the references derived from the contexts are the
// ones doc.go draws, and the misconfiguration changes exactly one.
func TestKnowledgeAsDrawn(t *testing.T) {
	k1, k2, k3 := knowledgeOf(dsa1, false), knowledgeOf(dsa2, false), knowledgeOf(dsa3, false)
	assert.Equal(t, []ref{{"c=us/o=univ", dsa2}, {"c=us/o=acme", dsa3}, {"c=uk", dsa2}}, k1.Sub)
	assert.Equal(t, dsa1, k1.Superior, "DSA1 holds the root context")
	assert.Equal(t, []ref{{"c=us/o=univ/ou=cs", dsa3}}, k2.Sub)
	assert.Equal(t, dsa1, k2.Superior)
	assert.Empty(t, k3.Sub)
	assert.Equal(t, dsa1, k3.Superior)
	assert.Equal(t, []ref{{"c=us/o=univ/ou=cs", dsa1}}, knowledgeOf(dsa2, true).Sub, "the loop")
	assert.Equal(t, k1, knowledgeOf(dsa1, true))
	assert.Equal(t, k3, knowledgeOf(dsa3, true))
	held := map[string]actor.ID{}
	for _, c := range contexts {
		held[c.Label] = c.Holder
	}
	for e, want := range map[string]string{
		"c=us": "A", "c=us/o=univ": "B", "c=us/o=univ/cn=bob": "B", "c=us/o=univ/ou=cs": "C",
		"c=us/o=univ/ou=cs/cn=alice": "C", "c=us/o=acme": "D", "c=us/o=acme/cn=carol": "D", "c=uk": "E", "c=uk/cn=dave": "E",
	} {
		assert.Equal(t, want, contextOf(e), e)
	}
	assert.Len(t, entries, 9)
	assert.Len(t, contexts, 5)
}

// walk follows the DSAs' knowledge for n from DSA from, as a chained
// request would, and returns the answer and the DSAs visited in order; a
// loop ends the walk with LoopError.
func walk(loop bool, from actor.ID, n name) (Result, []actor.ID) {
	var path []actor.ID
	seen := map[actor.ID]bool{}
	for d := from; ; {
		if seen[d] {
			return LoopError, path
		}
		seen[d] = true
		path = append(path, d)
		res, next := knowledgeOf(d, loop).resolve(n)
		if res != NoResult {
			return res, path
		}
		d = next
	}
}

// TestResolutionAgreesWithTheTree is the brute-force reference for the
// DSAs' knowledge: from every DSA, for every entry and for names the tree
// lacks at every level, following references ends at the DSA holding the
// name's context with the answer the tree itself gives (membership in the
// list of entries), never in a loop. With the misconfigured reference,
// exactly the names under context C loop.
func TestResolutionAgreesWithTheTree(t *testing.T) {
	names := append([]name{"", "c=fr", "c=fr/o=x", "c=us/o=none", "c=us/o=univ/cn=zed",
		"c=us/o=univ/ou=cs/cn=zed", "c=us/o=univ/ou=math", "c=us/o=acme/cn=bob", "c=uk/cn=eve"}, entries...)
	holder := map[string]actor.ID{}
	for _, c := range contexts {
		holder[c.Label] = c.Holder
	}
	for _, n := range names {
		for d := dsa1; d <= dsa3; d++ {
			res, path := walk(false, d, n)
			require.Equal(t, truth(n), res, "%q from %v via %v", n, d, path)
			if n != "" {
				assert.Equal(t, holder[contextOf(n)], path[len(path)-1], "%q is answered by its context's holder", n)
			}
			assert.LessOrEqual(t, len(path), 3, "%q from %v via %v", n, d, path)
			res, _ = walk(true, d, n)
			underC := under(n, "c=us/o=univ/ou=cs")
			if underC && d != dsa3 {
				assert.Equal(t, LoopError, res, "%q from %v loops", n, d)
			} else {
				assert.Equal(t, truth(n), res, "%q from %v", n, d)
			}
		}
	}
	_, path := walk(false, dsa1, queryNames[0])
	assert.Equal(t, []actor.ID{dsa1, dsa2, dsa3}, path, "cn=alice is two references from DSA1")
	_, path = walk(false, dsa1, queryNames[1])
	assert.Equal(t, []actor.ID{dsa1, dsa2}, path, "cn=zed is one reference from DSA1")
}

// TestExpected: the right answers the properties hold the DUA to.
func TestExpected(t *testing.T) {
	alice, _ := entryID(queryNames[0])
	for _, tc := range []struct {
		variant, queries string
		want             [MaxQueries]Result
	}{
		{VariantCorrect, QueriesBoth, [MaxQueries]Result{Found(alice), NotFound}},
		{VariantCorrect, QueriesRepeat, [MaxQueries]Result{Found(alice), Found(alice)}},
		{VariantCorrect, QueriesMissing, [MaxQueries]Result{NotFound}},
		{VariantLoopDetected, QueriesBoth, [MaxQueries]Result{LoopError, NotFound}},
		{VariantLoop, QueriesBoth, [MaxQueries]Result{}},
		{VariantLoop, QueriesMissing, [MaxQueries]Result{NotFound}},
	} {
		st, err := newSetup(Config{Variant: tc.variant, Queries: tc.queries})
		require.NoError(t, err)
		assert.Equal(t, tc.want, st.expect, "%s %s", tc.variant, tc.queries)
	}
}
