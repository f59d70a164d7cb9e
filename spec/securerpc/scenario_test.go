package securerpc

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/protocheck/protocheck/explore/exploretest"
)

// TestTextbookManInTheMiddle replays the classic attack on unauthenticated
// Diffie-Hellman: the attacker replaces each end's public value by its own
// α^E_s (4 with the defaults), derives α^(C_s*E_s) with the client and
// α^(S_s*E_s) with the server, and re-seals the client's call for the
// server. Every property fails; with a directory the server refuses the
// substituted value.
func TestTextbookManInTheMiddle(t *testing.T) {
	m := mustNew(t, defaults(VariantUnauthenticated, 3))
	s := exploretest.Run(t, m,
		"deliver p0->p2 ClientHello(g^c=8) [drop]",
		"timeout p2 inject [to p1, ClientHello(g^e=4)]",
		"deliver p2->p1 ClientHello(g^e=4)",
		"deliver p1->p2 ServerHello(g^s=6, {ok}g^se) [drop]",
		"timeout p2 inject [to p0, ServerHello(g^e=4, {ok}g^ce)]",
		"deliver p2->p0 ServerHello(g^e=4, {ok}g^ce)",
		"deliver p0->p2 Call({call}g^ce) [drop]",
		"timeout p2 inject [to p1, Call({call}g^se)]",
		"deliver p2->p1 Call({call}g^se)",
	)
	assert.Equal(t, "DONE peer=g^e key=g^ce=9", s.Local(client).String())
	assert.Equal(t, "DONE peer=g^e key=g^se=3", s.Local(server).String())
	assert.Equal(t, "knows {g, g^c, g^s, g^e, g^ce, g^se} injected=3 dropped", s.Local(attacker).String())
	for _, p := range m.Properties() {
		if p.Name != PropAgreed {
			assert.False(t, p.Holds(s), "%s must fail", p.Name)
		}
	}

	auth := mustNew(t, defaults(VariantAuthenticated, 3))
	s = exploretest.Run(t, auth, "deliver p0->p2 ClientHello(g^c=8) [drop]", "timeout p2 inject [to p1, ClientHello(g^c=8)]")
	var labels []string
	auth.Next(s, func(a Action, _ State) { labels = append(labels, a.String()) })
	assert.NotContains(t, strings.Join(labels, ";"), "ClientHello(g^e", "no substituted value is offered: the server would refuse it")
	s = exploretest.Step(t, auth, s, "deliver p2->p1 ClientHello(g^c=8)")
	assert.Equal(t, keyCS, s.Local(server).Key, "a replayed C_p gives the real key, which the attacker cannot compute")
}
