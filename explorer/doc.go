// Package explorer shows a model to a person, as Stateright's Explorer
// and TLA+'s trace explorer do: a web server for stepping through a
// protocol by hand in a browser (Server, behind `check explore`), the
// state graph of a small configuration in Graphviz's DOT language
// (WriteDOT, behind `check run -dot`), and a trace's sequence diagram as
// SVG (WriteSequenceSVG).
//
// The server binds to 127.0.0.1 (the CLI does; tests use httptest) and
// answers only requests addressed to a loopback host. Its page is plain
// HTML, CSS and JavaScript embedded in the binary (static/): nothing is
// fetched from elsewhere, so it works offline. The page's URL fragment is
// the whole view, so a link can be shared and reloaded:
//
//	#/path/0/1/1               the state an index path reaches (as in trace files)
//	#/trace/run/<prop>/<k>     step k of the background check's trace for a property
//	#/trace/file/<name>/<k>    step k of a saved trace under counterexamples/ (text or JSON)
//	#/trace/upload/<id>/<k>    step k of a trace file sent from the page
//
// States are computed on demand: each click replays the path with the
// model (protocols.Instance.At) and lists the steps enabled there, with
// what each changes, which lead back to the same state, and which break an
// Always property. The check of every property runs in the background
// (StartCheck) with the run's engine and limits; its verdicts are worded
// as `check run` words them, "verified" only for a complete run.
//
// The JSON API, which the page uses and the tests call:
//
//	GET  /api/model                 the protocol, its configuration and properties
//	GET  /api/status                the background check: running, or every verdict
//	POST /api/check, /api/check/stop  run the check to completion, or stop it
//	GET  /api/state?path=0/1        the path replayed, the state properties, the enabled steps, the diagram
//	GET  /api/traces                the saved traces that can be opened
//	GET  /api/trace/run?prop=P      the check's counterexample or witness for P
//	GET  /api/trace/file?name=N     a saved trace, replayed with the model its header names
//	POST /api/trace/upload?name=N   a trace file's text; GET ...?id=I opens it again
package explorer
