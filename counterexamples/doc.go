// Package counterexamples holds protocheck's trace file format: a saved
// counterexample (or witness) as plain text a person can read, diff and
// replay, and the same content as JSON (json.go; Save and Load choose the
// form by the file's extension and content). Saved traces live under this directory as
// <protocol>/<property-slug>[-<variant>].trace, and cmd/check replays every
// one of them in its tests.
//
// A file reads top to bottom:
//
//	# protocheck trace v1
//	# protocol:  counter
//	# params:    variant=bug n=2 network=fifo faults=drop=1 symmetry=false
//	# property:  "bounded" (always)
//	# result:    counterexample
//	# engine:    bfs seed=0
//	# counts:    generated=9 distinct=7 depth=3
//	# reproduce: check run counter -variant bug
//	# replay:    check replay counterexamples/counter/bounded-bug.trace
//	path 0/0/1
//
//	   0  (initial state)
//	        a=0 b[0]=0 b[1]=0
//	   1  inc a
//	        a=1
//	   2  inc b1
//	        b[1]=1
//
//	violated after step 2: "bounded" (always)
//
//	final state:
//	  a=1
//	  b[0]=0
//	  b[1]=1
//
// The header says everything needed to reproduce the run. The path line is
// authoritative: replay re-executes its indices (path[0] chooses the initial
// state, path[i] the i-th step among those Next yields) and Check compares
// each step's label with the one in the file, so a model that changed under
// a saved trace is caught (ErrReplayMismatch). The step lines are for
// people: each shows the label and only the state fields that changed; the
// full state is printed once, at the end.
//
// States are flattened with reflection when a file is written (never on an
// engine's hot path): struct fields become name=value, nested structs
// name.field, arrays, slices and maps name[i]. A nested value with a String
// method prints as that string (so a process state can choose its own short
// form, such as p1{clock:1 want}); a state that is not a struct but has a
// String method is diffed as a whole. A lasso (an infinite behaviour,
// model.Trace.Loop >= 0) marks where its loop starts with
// "-- loop starts here --" and ends with "-- back to step k --".
//
// The package imports only model and the standard library; the CLI in
// cmd/check ties a file to a live model through its registry.
package counterexamples
