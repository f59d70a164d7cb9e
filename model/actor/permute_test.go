package actor

import (
	"slices"
	"strings"
	"testing"

	"github.com/protocheck/protocheck/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The packed fast paths of Canonical (short message keys) must agree with
// the general ones on every state.
func TestPackedPathsMatchGeneral(t *testing.T) {
	for _, net := range []Network{Unordered, FIFO} {
		sys := clients(t, 3, Faults{Drop: 1, Dup: 1, Crash: 1, Restart: 1})
		sys.cfg.Network = net
		c := new(canonScratch[tproc, tmsg])
		var k msgKeys
		for _, s := range enumerate(sys, nil) {
			c.signatures(sys, &s)
			packed := slices.Clone(c.sig)
			c.collectLong(sys, &s)
			c.buildSigs(sys, &s, false)
			require.Equal(t, c.sig, packed, "signatures of %v", s)

			p := sys.permute(&s, []ID{0, 3, 1, 2})
			shuffled := slices.Clone(p.Net)
			slices.Reverse(shuffled)
			general := slices.Clone(shuffled)
			sys.sortNet(shuffled, &k)
			sys.sortNetByKey(general, &k)
			require.Equal(t, general, shuffled, "network order of %v", p)
		}
	}
}

// longKey is a Value whose key is longer than one length byte can say.
type longKey int

func (v longKey) AppendKey(dst []byte) []byte { return append(dst, strings.Repeat("x", int(v))...) }

func TestAppendPrefixedMatchesAppendString(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 300, 20000} {
		want := model.AppendString([]byte("ab"), strings.Repeat("x", n))
		assert.Equal(t, want, appendPrefixed([]byte("ab"), longKey(n)), "length %d", n)
	}
}
