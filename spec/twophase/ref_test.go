package twophase

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// This file is the "dumb alternative" the packed model is checked against: a
// direct, unoptimized transcription of Lamport's TwoPhase.tla with maps and
// sets, sharing nothing with the bit-packed State.

// refState is a TwoPhase state the way TLA+ writes it. RMs are 1..n.
type refState struct {
	rmState    map[int]string  // rm -> "working" | "prepared" | "committed" | "aborted"
	tmState    string          // "init" | "committed" | "aborted"
	tmPrepared map[int]bool    // a set of RMs
	msgs       map[string]bool // a set of messages: "Prepared(rm)", "Commit", "Abort"
}

func refInit(n int) refState {
	s := refState{rmState: map[int]string{}, tmState: "init", tmPrepared: map[int]bool{}, msgs: map[string]bool{}}
	for rm := 1; rm <= n; rm++ {
		s.rmState[rm] = "working"
	}
	return s
}

// clone copies s deeply, so that a successor never shares a map with s.
func (s refState) clone() refState {
	c := refState{rmState: map[int]string{}, tmState: s.tmState, tmPrepared: map[int]bool{}, msgs: map[string]bool{}}
	for k, v := range s.rmState {
		c.rmState[k] = v
	}
	for k := range s.tmPrepared {
		c.tmPrepared[k] = true
	}
	for k := range s.msgs {
		c.msgs[k] = true
	}
	return c
}

func preparedMsg(rm int) string { return "Prepared(" + strconv.Itoa(rm) + ")" }

// key is a canonical string for s: every set is sorted.
func (s refState) key() string {
	var rms, prep, msgs []string
	for rm := 1; rm <= len(s.rmState); rm++ {
		rms = append(rms, s.rmState[rm])
		if s.tmPrepared[rm] {
			prep = append(prep, strconv.Itoa(rm))
		}
	}
	for m := range s.msgs {
		msgs = append(msgs, m)
	}
	slices.Sort(msgs)
	return fmt.Sprintf("rm=%v tm=%s prep=%v msgs=%v", rms, s.tmState, prep, msgs)
}

// refNext returns the successors of s (TPNext), one per enabled action,
// self-loops included. earlyCommit selects VariantEarlyCommit.
func refNext(s refState, earlyCommit bool) []refState {
	n := len(s.rmState)
	var out []refState
	// TMCommit == tmState = "init" /\ tmPrepared = RM /\ tmState' = "committed"
	//             /\ msgs' = msgs \cup {[type |-> "Commit"]}
	if s.tmState == "init" && (len(s.tmPrepared) == n || earlyCommit && len(s.tmPrepared) > 0) {
		c := s.clone()
		c.tmState = "committed"
		c.msgs["Commit"] = true
		out = append(out, c)
	}
	// TMAbort == tmState = "init" /\ tmState' = "aborted" /\ msgs' = msgs \cup {[type |-> "Abort"]}
	if s.tmState == "init" {
		c := s.clone()
		c.tmState = "aborted"
		c.msgs["Abort"] = true
		out = append(out, c)
	}
	for rm := 1; rm <= n; rm++ {
		// TMRcvPrepared(rm) == tmState = "init" /\ [type |-> "Prepared", rm |-> rm] \in msgs
		//                      /\ tmPrepared' = tmPrepared \cup {rm}
		if s.tmState == "init" && s.msgs[preparedMsg(rm)] {
			c := s.clone()
			c.tmPrepared[rm] = true
			out = append(out, c)
		}
		// RMPrepare(rm) == rmState[rm] = "working" /\ rmState' = [rmState EXCEPT ![rm] = "prepared"]
		//                  /\ msgs' = msgs \cup {[type |-> "Prepared", rm |-> rm]}
		if s.rmState[rm] == "working" {
			c := s.clone()
			c.rmState[rm] = "prepared"
			c.msgs[preparedMsg(rm)] = true
			out = append(out, c)
		}
		// RMChooseToAbort(rm) == rmState[rm] = "working" /\ rmState' = [rmState EXCEPT ![rm] = "aborted"]
		if s.rmState[rm] == "working" {
			c := s.clone()
			c.rmState[rm] = "aborted"
			out = append(out, c)
		}
		// RMRcvCommitMsg(rm) == [type |-> "Commit"] \in msgs /\ rmState' = [rmState EXCEPT ![rm] = "committed"]
		if s.msgs["Commit"] {
			c := s.clone()
			c.rmState[rm] = "committed"
			out = append(out, c)
		}
		// RMRcvAbortMsg(rm) == [type |-> "Abort"] \in msgs /\ rmState' = [rmState EXCEPT ![rm] = "aborted"]
		if s.msgs["Abort"] {
			c := s.clone()
			c.rmState[rm] = "aborted"
			out = append(out, c)
		}
	}
	return out
}

// refResult is one enumeration of the reference state space.
type refResult struct {
	states    map[string]refState
	generated int
}

// refCache memoizes refExplore across tests (which do not run in parallel).
var refCache = map[[2]int]refResult{}

// refExplore enumerates the reachable states by BFS over a map keyed by the
// canonical string and returns them by key, with the number of successors
// generated.
func refExplore(n int, earlyCommit bool) (states map[string]refState, generated int) {
	k := [2]int{n, 0}
	if earlyCommit {
		k[1] = 1
	}
	if r, ok := refCache[k]; ok {
		return r.states, r.generated
	}
	states, generated = refEnumerate(n, earlyCommit)
	refCache[k] = refResult{states, generated}
	return states, generated
}

func refEnumerate(n int, earlyCommit bool) (states map[string]refState, generated int) {
	init := refInit(n)
	states = map[string]refState{init.key(): init}
	frontier := []refState{init}
	for len(frontier) > 0 {
		var next []refState
		for _, s := range frontier {
			for _, t := range refNext(s, earlyCommit) {
				generated++
				if k := t.key(); !states[k].valid() {
					states[k] = t
					next = append(next, t)
				}
			}
		}
		frontier = next
	}
	return states, generated
}

func (s refState) valid() bool { return s.rmState != nil }

// orbitKey identifies s's orbit under permutations of the RMs: the multiset
// of per-RM tuples (rmState, in tmPrepared, Prepared sent), with the TM state
// and the Commit and Abort messages.
func (s refState) orbitKey() string {
	var tuples []string
	for rm := 1; rm <= len(s.rmState); rm++ {
		tuples = append(tuples, fmt.Sprintf("(%s,%t,%t)", s.rmState[rm], s.tmPrepared[rm], s.msgs[preparedMsg(rm)]))
	}
	slices.Sort(tuples)
	return fmt.Sprintf("%s commit=%t abort=%t %s", s.tmState, s.msgs["Commit"], s.msgs["Abort"], strings.Join(tuples, ""))
}

// refOf translates a packed State into the reference representation.
func refOf(s State) refState {
	r := refInit(s.N())
	r.tmState = s.TM().String()
	for i := range s.N() {
		r.rmState[i+1] = s.RM(i).String()
		if s.TMPrepared(i) {
			r.tmPrepared[i+1] = true
		}
		if s.PreparedSent(i) {
			r.msgs[preparedMsg(i+1)] = true
		}
	}
	if s.CommitSent() {
		r.msgs["Commit"] = true
	}
	if s.AbortSent() {
		r.msgs["Abort"] = true
	}
	return r
}
