// Package bfs is protocheck's exhaustive breadth-first search on Apache
// Beam: one Beam pipeline per BFS level, so a state space is bounded by a
// cluster's disks and not by one machine's memory, on any Beam runner
// (prism in-process for tests; Flink, Spark, Dataflow unchanged).
//
// Run drives the levels. Level 0 (the initial states) is computed in the
// calling process; each later level is a pipeline (levelPipeline) that
// reads the previous level's states, expands them (decode, Next, encode,
// fingerprint), shuffles the successors by fingerprint shard and, per
// shard, anti-joins them with the shard's visited fingerprints read from
// files, keeps per new state the smallest parent fingerprint, checks the
// properties on the new states and writes the new level's files (package
// store). The driver then commits the level (its DONE record). A level
// that is committed is a checkpoint: Run on the same directory resumes
// after the last one. The limits (MaxDepth, MaxStates, Time) are checked
// between levels, so a stopped run always ends on a checkpoint.
//
// What it checks and promises: Always properties (counterexamples), Sometimes
// properties (witnesses), step properties, and deadlocks where the model
// declares final states, exactly as explore.BFS does, with the same counts
// per level, the same verdicts and the same traces (the same fingerprint
// function, parent rule and choice of the shallowest, smallest-fingerprint
// discovery). A trace is rebuilt by walking the parent records back from
// the state (one parents file read per level) and replaying the
// fingerprints with explore.Replay. Liveness properties are not checked:
// their verdict is Unknown with a message that says so, never "holds". A
// panic in model code on a worker is a discovery like any other: the run
// reports explore.PanicProperty violated with a trace to the state, as
// explore does, and stops after the level that met it, incomplete. A panic
// in Init is the same violation with no trace, as explore reports it (and
// level 0 is not committed, so a resumed run meets it again). A codec that
// does not read back what it wrote (every decoded state's fingerprint is
// checked against the one stored with it) fails the run with an error.
//
// Workers cannot receive a model value: every DoFn carries a Spec (a
// protocol name and its configuration line) and builds the model in its
// Setup (package load). Every worker must run the same binary as the
// launcher, which is how the Go SDK stages pipelines.
package bfs
