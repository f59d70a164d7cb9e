package sendsem

import "github.com/protocheck/protocheck/model"

// A Guarantee is what a sender may know when its send returns.
type Guarantee uint8

// The guarantees, from the weakest to the strongest; NoBlock is of
// another kind (the send returns at all).
const (
	Copied   Guarantee = iota // the message was copied to the sender's kernel (step 1)
	OnWire                    // it was transmitted on the network (step 2)
	InKernel                  // it arrived at the receiver's kernel (step 3)
	Taken                     // the receiver process took it (step 4)
	Replied                   // the receiver process served it and its reply reached the sender's kernel
	NoBlock                   // liveness: the sender is released despite loss and a receiver crash
)

// Guarantees lists every guarantee, in the order of the table's columns.
func Guarantees() []Guarantee { return []Guarantee{Copied, OnWire, InKernel, Taken, Replied, NoBlock} }

var guaranteeInfo = [...]struct{ claim, prop, column string }{
	Copied:   {"copied", "released implies copied to sender kernel", "copied"},
	OnWire:   {"on-wire", "released implies on the wire", "on the wire"},
	InKernel: {"in-kernel", "released implies in receiver kernel", "in receiver kernel"},
	Taken:    {"taken", "released implies taken by receiver process", "taken by receiver"},
	Replied:  {"replied", "released implies processed with reply", "processed with reply"},
	NoBlock:  {"no-block", "sender eventually released", "never blocks"},
}

// Claim returns the guarantee's name as the -claim flag takes it.
func (g Guarantee) Claim() string { return guaranteeInfo[g].claim }

// Prop returns the name of the property that checks the guarantee.
func (g Guarantee) Prop() string { return guaranteeInfo[g].prop }

// Column returns the guarantee's short name, a column of the table.
func (g Guarantee) Column() string { return guaranteeInfo[g].column }

// ParseClaim returns the guarantee a -claim value names, false for
// ClaimHonest or an unknown name.
func ParseClaim(name string) (Guarantee, bool) {
	for _, g := range Guarantees() {
		if g.Claim() == name {
			return g, true
		}
	}
	return 0, false
}

// ClaimHonest is the -claim value that claims exactly what the primitive
// gives.
const ClaimHonest = "honest"

// ClaimNames lists the -claim values: ClaimHonest, then every guarantee.
func ClaimNames() []string {
	out := []string{ClaimHonest}
	for _, g := range Guarantees() {
		out = append(out, g.Claim())
	}
	return out
}

// Gives returns the guarantees the primitive gives, as its steps imply:
// a guarantee holds at release when the step that establishes it is in
// the primitive's step list. A primitive whose release waits for nothing
// from the network (nonblocking, and blocking, whose step 7 is the local
// interface's report) never blocks.
func (p Primitive) Gives() []Guarantee {
	out := []Guarantee{Copied}
	steps := p.Steps()
	if steps.Has(StepSend) {
		out = append(out, OnWire)
	}
	if steps.Has(StepArrive) {
		out = append(out, InKernel)
	}
	if steps.Has(StepDeliver) {
		out = append(out, Taken)
	}
	if steps.Has(StepService) {
		out = append(out, Replied)
	}
	if p <= Blocking {
		out = append(out, NoBlock)
	}
	return out
}

// property returns the property that checks g.
func (g Guarantee) property() model.Property[State] {
	if g == NoBlock {
		return model.Eventually(g.Prop(), func(s State) bool { return released(s) || !s.Up(SenderID) })
	}
	return model.Always(g.Prop(), func(s State) bool { return !released(s) || g.holds(s) })
}

// holds reports whether g holds in s (a record of what happened so far).
func (g Guarantee) holds(s State) bool {
	done := done(s)
	switch g {
	case Copied:
		return done.Has(StepCopy)
	case OnWire:
		return done.Has(StepSend)
	case InKernel:
		return done.Has(StepArrive)
	case Taken:
		return done.Has(StepDeliver)
	case Replied:
		return done.Has(StepService) && s.Local(SenderID).GotReply
	}
	return released(s)
}
