// Package explore holds protocheck's engines. Each takes any model.Model
// and Options and returns a Result: counts, speed, peak memory, the
// fingerprint collision estimate and a verdict (with a trace) per property.
//
//	res, err := explore.Check(m, explore.Options{Workers: 2})
//
// The engines:
//
//   - BFS: level-synchronous, parallel breadth-first search. It checks
//     Always and Sometimes properties and, for a model.Finaler, deadlocks.
//     Visited states are 64-bit fingerprints with their parent's fingerprint
//     (fpSet); traces are rebuilt by walking parents back and replaying
//     forward, and are shortest and identical for any number of workers.
//   - DFS: single-threaded depth-first search with an optional depth bound.
//   - Random: seeded random walks in parallel; walk w uses seed Seed+w.
//   - Liveness: Eventually and LeadsTo over the whole reachable graph,
//     terminal states and cycles, under the weak fairness a model.Fair
//     declares; counterexamples are lassos (see liveness.go for exactly which
//     behaviours are covered).
//   - Check: BFS, then Liveness when the model has liveness properties. The
//     CLI and explore/exploretest use it.
//
// With Options.Symmetry, states are keyed by model.Symmetric's canonical
// representative. A property violation is a result, not an error: errors
// cover misuse (invalid options) only. A panic in model code is reported as
// the violated property PanicProperty with the trace that led to it. A run
// stopped by a limit or a cancelled Context reports Complete false and
// never Holds for a property it could not decide.
package explore
