package ssl

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/protocheck/protocheck/explore/exploretest"
	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

// holds returns the verdict of the named property on s.
func holds(t *testing.T, m *Model, name string, s State) bool {
	for _, p := range m.Properties() {
		if p.Name == name {
			return p.Holds(s)
		}
	}
	t.Fatalf("no property %q", name)
	return false
}

// strip is the rollback of Wagner and Schneier: the attacker replaces the
// client's offer by the weak suite alone; the server, seeing only that,
// chooses it.
var strip = []string{
	"deliver p0->p2 ClientHello(strong,weak) [drop]",
	"timeout p2 inject [to p1, ClientHello(weak)]",
	"deliver p2->p1 ClientHello(weak)",
	"deliver p1->p2 ServerHello(weak, cert_CA(server=pk_S)) [forward]",
	"deliver p2->p0 ServerHello(weak, cert_CA(server=pk_S))",
	"deliver p0->p2 KeyExchange({pms_C}pk_S) [forward]",
}

// TestStripStrongSuite: without Finished both ends complete on the weak
// suite (suite agreement fails, the key stays secret); with Finished the
// server finds that the client's transcript (offer strong,weak) is not its
// own (offer weak) and never completes, nor does the client.
func TestStripStrongSuite(t *testing.T) {
	m := mustNew(t, Config{Attacker: 1, Variant: VariantNoFinished})
	s := exploretest.Run(t, m, append(strip, "deliver p2->p1 KeyExchange({pms_C}pk_S)")...)
	assert.Equal(t, "OPEN offer=strong,weak suite=weak key=k_C peer=pk_S", s.Local(client).String())
	assert.Equal(t, "OPEN offer=weak suite=weak key=k_C", s.Local(server).String())
	assert.False(t, holds(t, m, PropSuite, s), "a downgrade")
	assert.True(t, holds(t, m, PropSecrecy, s))

	m = mustNew(t, Config{Attacker: 1})
	s = exploretest.Run(t, m, append(strip,
		"deliver p0->p2 Finished(mac(k_C,client,SW/W)) [forward]",
		"deliver p2->p1 KeyExchange({pms_C}pk_S)",
		"deliver p2->p1 Finished(mac(k_C,client,SW/W))")...)
	assert.Equal(t, PhaseFinish, s.Local(server).Phase, "the server refuses the client's Finished")
	assert.Equal(t, PhaseFinish, s.Local(client).Phase, "the client waits for a Finished no one can make")
	assert.Empty(t, s.Net, "nothing left in flight")
	assert.True(t, holds(t, m, PropSuite, s))
}

// TestRelayingManInTheMiddle: a client that skips verification takes the
// attacker's certificate; the attacker opens pms_C, passes it on to the
// server under pk_S, and relays the Finished messages: both ends complete
// with the same key, on the strong suite, and the attacker holds it.
func TestRelayingManInTheMiddle(t *testing.T) {
	m := mustNew(t, Config{Attacker: 2, Variant: VariantNoVerify})
	s := exploretest.Run(t, m,
		"timeout p2 inject [to p0, ServerHello(strong, cert_CA(mallory=pk_M))]",
		"deliver p0->p2 ClientHello(strong,weak) [forward]",
		"deliver p2->p0 ServerHello(strong, cert_CA(mallory=pk_M))",
		"deliver p2->p1 ClientHello(strong,weak)",
		"deliver p1->p2 ServerHello(strong, cert_CA(server=pk_S)) [drop]",
		"deliver p0->p2 KeyExchange({pms_C}pk_M) [drop]",
		"timeout p2 inject [to p1, KeyExchange({pms_C}pk_S)]",
		"deliver p2->p1 KeyExchange({pms_C}pk_S)",
		"deliver p0->p2 Finished(mac(k_C,client,SW/S)) [forward]",
		"deliver p2->p1 Finished(mac(k_C,client,SW/S))",
		"deliver p1->p2 Finished(mac(k_C,server,SW/S)) [forward]",
		"deliver p2->p0 Finished(mac(k_C,server,SW/S))",
	)
	assert.True(t, handshake(s), "both ends completed with the client's key")
	assert.Equal(t, "knows {cert_CA(server=pk_S), cert_CA(mallory=pk_M), cert_M(*), pms_C, pms_M} injected=2 dropped",
		s.Local(attacker).String())
	assert.False(t, holds(t, m, PropSecrecy, s))
	assert.False(t, holds(t, m, PropAuth, s), "the client's peer is mallory")
	assert.True(t, holds(t, m, PropSuite, s), "no downgrade: the attacker kept the strong suite")

	for _, v := range []string{VariantCorrect, VariantNoVerify} {
		cfg := Config{Variant: v}
		for _, c := range []struct {
			cert uint8
			ok   bool
		}{{uint8(certServer), true}, {uint8(certMallory), v == VariantNoVerify}, {uint8(cert(1, ownerS, ownerM)), v == VariantNoVerify}} {
			assert.Equal(t, c.ok, cfg.acceptable(client, Msg{Kind: ServerHello, Term: dolevyao.Term(c.cert)}),
				"%s: %s", v, termName(dolevyao.Term(c.cert)))
		}
	}
}
