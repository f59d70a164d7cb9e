// Package protocols is the catalogue: the list of every spec (list.go, one
// line a spec) and the type erasure that lets the CLI, `check table` and
// the generic catalogue test run any of them without knowing its state
// type. It is the one package that joins the specs' self-descriptions
// (package catalog) to the engines (package explore).
package protocols
