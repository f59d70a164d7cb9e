// Package dolevyao is the active attacker shared by the security specs
// (spec/securerpc, spec/ssl): an intruder in the style of Dolev and Yao,
// "On the security of public key protocols" (IEEE Transactions on
// Information Theory 29(2), 1983), written as one process of an actor
// system (package model/actor).
//
// # The attacker is the network
//
// Honest processes send every message to the attacker's id; the attacker
// receives it, adds what it shows to its knowledge, and then either
// forwards it to the process it was meant for ("forward") or drops it
// ("drop"). Its "inject" timer fires at any moment while its budget lasts
// and sends any message it can build from its knowledge to any honest
// process: injection, replay (a message it has seen is in its knowledge)
// and, with a drop before it, replacement. Injections are bounded per run
// by Intruder.Budget, as every fault of the actor layer is; forwarding and
// dropping are free. Everything the attacker does is a step of the trace,
// labelled by the actor layer: "deliver p0->p2 ClientHello(g^c=8) [forward]",
// "timeout p2 inject [to p1, ClientHello(g^e=4)]".
//
// # Knowledge
//
// A spec numbers the terms of its protocol (Term, fewer than 64: the
// finite universe that keeps the attacker's knowledge finite) and gives the
// closure of a set of terms under what the attacker may do with them
// (Intruder.Close: decrypt with a key it knows, exponentiate with an
// exponent it knows, encrypt, sign, pair and unpair). The knowledge is kept
// closed, as a bit set (Knowledge), so it is canonical: equal knowledge,
// equal key. The attacker never guesses: a term is known only when it is
// derived.
//
// Why a process and not a fault kind of the actor layer: the attacker has
// state (its knowledge) that the traces show at every step, and it makes
// choices that depend on that state; a process of the model does both
// with the layer's existing Receive, Timeout and Choose.
//
// The package lives under spec/internal because only specs use it, and a
// spec must not import another spec.
package dolevyao
