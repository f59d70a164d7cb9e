package sendsem

import (
	"errors"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A Config is one configuration of the model.
type Config struct {
	Primitive Primitive // the send primitive
	// Claims are the guarantees the primitive is claimed to give at
	// release; each becomes a property. Nil means the primitive's own
	// (Primitive.Gives).
	Claims []Guarantee
	Faults actor.Faults // drop and crash budgets (no restart: a crash is for good)
}

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("sendsem: invalid configuration")

// Property names besides the guarantees'.
const (
	PropOrder    = "steps in the text's order"
	PropSteps    = "released after the primitive's steps"
	PropExactly  = "released after exactly the primitive's steps"
	PropReleases = "fault-free runs release the sender"
	PropDelivers = "fault-free runs deliver the message"
)

// New returns the model of cfg.
func New(cfg Config) (*Model, error) {
	if int(cfg.Primitive) >= len(primitiveNames) {
		return nil, fmt.Errorf("%w: unknown primitive %d", ErrConfig, cfg.Primitive)
	}
	f := cfg.Faults
	if f.Dup > 0 || f.Restart > 0 || f.Partition > 0 {
		return nil, fmt.Errorf("%w: faults %v (want drop and crash only)", ErrConfig, f)
	}
	claims := cfg.Claims
	if claims == nil {
		claims = cfg.Primitive.Gives()
	}
	p := cfg.Primitive
	return actor.New(actor.Config[Host, Msg]{
		Actors:     []actor.Actor[Host, Msg]{sender(p), receiver(p)},
		Network:    actor.Unordered,
		Faults:     f,
		Timers:     timerNames,
		Properties: properties(p, claims),
		// A fault-free run ends with every step done; after a fault a
		// waiting sender may wait for good (the text's primitives do not
		// retransmit), which is an end, not a deadlock of the model.
		Final: func(s State) bool { return faulted(s) || done(s) == p.Complete() },
	})
}

// properties returns the properties of primitive p claimed to give the
// guarantees claims.
func properties(p Primitive, claims []Guarantee) []model.Property[State] {
	steps := p.Steps()
	props := []model.Property[State]{
		model.Always(PropOrder, func(s State) bool { return p.inOrder(done(s)) }),
		model.Always(PropSteps, func(s State) bool { return !released(s) || done(s).Contains(steps) }),
		model.Sometimes(PropExactly, func(s State) bool { return released(s) && done(s) == steps }),
		model.Eventually(PropReleases, func(s State) bool { return released(s) || faulted(s) }),
		model.Eventually(PropDelivers, func(s State) bool { return done(s).Has(StepDeliver) || faulted(s) }),
	}
	for _, g := range Guarantees() {
		if slices.Contains(claims, g) {
			props = append(props, g.property())
		}
	}
	return props
}

// ClaimsOf returns the guarantees claimed by a -claim value for primitive
// p: its own, plus the named guarantee unless the value is ClaimHonest.
func ClaimsOf(p Primitive, claim string) ([]Guarantee, error) {
	claims := p.Gives()
	if claim == ClaimHonest {
		return claims, nil
	}
	g, ok := ParseClaim(claim)
	if !ok {
		return nil, fmt.Errorf("%w: unknown claim %q", ErrConfig, claim)
	}
	if !slices.Contains(claims, g) {
		claims = append(claims, g)
		slices.Sort(claims)
	}
	return claims, nil
}
