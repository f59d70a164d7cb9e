package protocols

import (
	"fmt"
	"sort"
	"strings"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/spec/causal"
	"github.com/protocheck/protocheck/spec/dme/lamport"
	"github.com/protocheck/protocheck/spec/dme/maekawa"
	"github.com/protocheck/protocheck/spec/dme/raymond"
	"github.com/protocheck/protocheck/spec/dme/ricartagrawala"
	"github.com/protocheck/protocheck/spec/dme/suzukikasami"
	"github.com/protocheck/protocheck/spec/dme/tokenring"
	"github.com/protocheck/protocheck/spec/dme/voting"
	"github.com/protocheck/protocheck/spec/election/bully"
	"github.com/protocheck/protocheck/spec/election/ring"
	"github.com/protocheck/protocheck/spec/election/tree"
	"github.com/protocheck/protocheck/spec/multicast"
	"github.com/protocheck/protocheck/spec/naming"
	"github.com/protocheck/protocheck/spec/rpc"
	"github.com/protocheck/protocheck/spec/securerpc"
	"github.com/protocheck/protocheck/spec/sendsem"
	"github.com/protocheck/protocheck/spec/socket"
	"github.com/protocheck/protocheck/spec/ssl"
	"github.com/protocheck/protocheck/spec/totalorder"
	"github.com/protocheck/protocheck/spec/twopc"
	"github.com/protocheck/protocheck/spec/twophase"
)

// all is the catalogue: one line a spec. Adding a protocol is one new
// package under spec/ and one line here.
var all = []Entry{
	Of(twophase.Spec),
	Of(twopc.Spec),
	Of(rpc.Spec),
	Of(sendsem.Spec),
	Of(socket.Spec),
	Of(multicast.Spec),
	Of(causal.Spec),
	Of(totalorder.Spec),
	Of(naming.Spec),
	Of(securerpc.Spec),
	Of(ssl.Spec),
	Of(lamport.Spec),
	Of(ricartagrawala.Spec),
	Of(voting.Spec),
	Of(maekawa.Spec),
	Of(tokenring.Spec),
	Of(raymond.Spec),
	Of(suzukikasami.Spec),
	Of(bully.Spec),
	Of(ring.Spec),
	Of(tree.Spec),
}

// All returns the catalogue sorted by name.
func All() []Entry {
	out := append([]Entry(nil), all...)
	sort.Slice(out, func(i, j int) bool { return out[i].Info().Name < out[j].Info().Name })
	return out
}

// Lookup returns the named spec; for an unknown name the error suggests
// the closest known name and lists them all.
func Lookup(name string) (Entry, error) {
	best, bestD := "", 1<<30
	var names []string
	for _, e := range All() {
		n := e.Info().Name
		if n == name {
			return e, nil
		}
		names = append(names, n)
		if d := editDistance(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	hint := ""
	if best != "" && bestD <= 3 {
		hint = fmt.Sprintf("; did you mean %q?", best)
	}
	return nil, fmt.Errorf("%w: unknown protocol %q%s (known: %s)", catalog.ErrConfig, name, hint, strings.Join(names, ", "))
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Register adds a spec to the catalogue, for a program or test that
// checks its own models with this CLI's machinery. It panics when the
// name is taken: a programming error.
func Register(e Entry) {
	if _, err := Lookup(e.Info().Name); err == nil {
		panic("protocols: a spec named " + e.Info().Name + " is registered already")
	}
	all = append(all, e)
}
