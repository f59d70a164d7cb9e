// Package explore holds protocheck's engines. Each takes any model.Model
// and Options and returns a Result: counts, speed, peak memory, the
// fingerprint collision estimate and a verdict (with a trace) per property.
//
//	res, err := explore.Check(m, explore.Options{Workers: 2})
//
// The engines:
//
//   - BFS: level-synchronous, parallel breadth-first search. It checks
//     Always and Sometimes properties, step properties (model.StepChecker)
//     on every step, and deadlocks when the model declares final states
//     (model.HasFinal).
//     Visited states are 64-bit fingerprints with their parent's fingerprint
//     (fpSet); traces are rebuilt by walking parents back and replaying
//     forward, and are shortest and identical for any number of workers.
//   - DFS: single-threaded depth-first search with an optional depth bound.
//   - Random: seeded random walks in parallel; walk w uses seed Seed+w.
//   - Liveness: Eventually and LeadsTo over the whole reachable graph,
//     terminal states and cycles, under the weak fairness a model.Fair
//     declares; counterexamples are lassos (see liveness.go for exactly which
//     behaviours are covered).
//   - Check: BFS, and when the model has liveness properties the liveness
//     analysis on the graph the same parallel pass records (onePass). The
//     CLI and explore/exploretest use it.
//   - Disk (Options.Disk): BFS with the visited set and frontier in files,
//     checkpoints and resume; safety only.
//   - POR (Options.POR): BFS over ample sets; safety only.
//   - Visit: BFS that hands every state it expands to a callback, with its
//     depth and whether it ends a run, for tables computed over the space.
//
// Every engine checks step properties on every step it generates, leaves
// states outside a model.Constrained's constraint unexpanded (checked, not
// deadlocks), and honours MaxStates and Memory as Options documents: the
// memory budget is the whole process's. With Options.Symmetry, states are
// keyed by model.Symmetric's canonical representative; it is an error for a
// model that declares no symmetry (model.HasSymmetry). A property violation is a result, not an error: errors
// cover misuse (invalid options) only. A panic in model code is reported as
// the violated property PanicProperty with the trace that led to it; BFS
// and Check finish the level that met it first (recording every panic in
// it) and then stop, so the state reported, the shallowest then smallest
// fingerprint, and its trace do not depend on the number of workers. A run
// stopped by a limit or a cancelled Context reports Complete false and
// never Holds for a property it could not decide.
package explore
