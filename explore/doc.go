// Package explore holds protocheck's engines: parallel breadth-first search
// (BFS), depth-first search (DFS), random simulation, and liveness checking.
// Each takes any model.Model and a set of Options and returns a Result.
//
//	res, err := explore.BFS(m, explore.Options{Workers: 2})
//
// A property violation is a result, not an error: errors cover misuse
// (invalid options) only.
package explore
