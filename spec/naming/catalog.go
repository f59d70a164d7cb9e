package naming

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// Spec describes the model for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    specName,
		Summary: "X.500-style name resolution over five naming contexts in three DSAs: recursive and transitive chaining, referral, caches, loops",
		Params: []catalog.Param{
			catalog.ChoiceParam("mode", "resolution: recursive chaining, transitive chaining or referral", ModeRecursive, Modes...),
			catalog.ChoiceParam("cache", "DSAs cache the answers they relay", "off", "off", "on"),
			catalog.ChoiceParam("queries", "the names the DUA asks in turn: both (cn=alice, cn=zed), found, missing, repeat (cn=alice twice)",
				QueriesBoth, QuerySets...),
			catalog.IntParam("retries", "retransmissions of a request by the DUA (its timer runs only when messages may be dropped)", 1, 0, MaxRetries),
		},
		Variants: []catalog.Variant{
			{Name: VariantCorrect, Summary: "the text's directory with loop detection; one message may be lost (drop=1)",
				Faults: actor.Faults{Drop: 1}},
			{Name: VariantLoopDetected, Summary: "DSA2's reference for context C names DSA1 (a knowledge loop); loop detection ends the query with a loop error (drop=1)",
				Faults: actor.Faults{Drop: 1}},
			{Name: VariantLoop, Summary: "broken: the same knowledge loop without loop detection: the request goes round for ever (a lasso)",
				Violates: []string{PropAnswered, PropDetect}},
		},
		Networks: []actor.Network{actor.Unordered, actor.FIFO},
		Faults:   []string{"drop", "dup"},
		Unit:     "query",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		return New(Config{Mode: c.Value("mode"), Cache: c.Value("cache") == "on", Queries: c.Value("queries"),
			Retries: c.Int("retries"), Variant: c.Variant, Faults: c.Faults, Network: c.Net()})
	},
	Measures: []catalog.Measure[State]{
		{Name: MeasureMessages, Of: Messages},
		{Name: MeasureHops, Of: Hops},
		{Name: MeasureRequests, Of: DUARequests},
		{Name: MeasureRemembered, Of: Remembered},
		{Name: "units", Of: Answered},
	},
	Tables: []catalog.Table{{
		Name:    "naming",
		Summary: "the text's points of comparison of recursive chaining, transitive chaining and referral, with caches off and on (-queries, -drop)",
		Compute: comparisonTable,
	}},
}

// specName is the model's name in the catalogue.
const specName = "naming"

// Measure names.
const (
	MeasureMessages   = "messages"
	MeasureHops       = "hops"
	MeasureRequests   = "dua requests"
	MeasureRemembered = "remembered"
)

// Messages returns the messages sent so far by every process.
func Messages(s State) int {
	n := 0
	for i := range s.Procs {
		n += int(s.Local(actor.ID(i)).Sent)
	}
	return n
}

// Hops returns, summed over the queries answered, the hops until the DUA
// had its answer: the messages on the path of the attempt whose answer it
// took, through every referral (the text's response time at the DUA, in
// message delays; the wait before a retransmission is not counted).
func Hops(s State) int { return int(s.Local(dua).HopSum) }

// DUARequests returns the requests the DUA has sent (the text's simplicity
// at the DUA: one per query with chaining, one per step with referral).
func DUARequests(s State) int { return int(s.Local(dua).Sent) }

// Remembered returns the most requests any DSA has remembered at once
// while they were outstanding, so far in the run (the text's stateless
// DSA: zero for transitive chaining and referral).
func Remembered(s State) int {
	m := 0
	for d := dsa1; d <= dsa3; d++ {
		m = max(m, int(s.Local(d).Peak))
	}
	return m
}

// Answered returns the number of queries the DUA has answers to.
func Answered(s State) int {
	n := 0
	for _, a := range s.Local(dua).Answers {
		if a != NoResult {
			n++
		}
	}
	return n
}
