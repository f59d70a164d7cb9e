package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/protocols"
)

// mergeFormat names the JSON format of `check merge -json`.
const mergeFormat = "protocheck-merge/1"

// mergeCmd is `check merge [-o FILE] [-json] report.json...`: it combines
// the reports of a swarm's shards (check run -shard). A property is
// violated when any shard violated it, and its counterexample is the
// shortest any shard found (then the smallest index path, then the
// lowest shard): the same whatever the order of the arguments. Every such
// counterexample is replayed against the model before it is reported.
// Random walks decide nothing else: the exit code is 1 when a property
// failed, and otherwise 3, never 0 (bad usage or input: 2).
func mergeCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check merge", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "save the shortest counterexample found to this trace file (check replay reproduces it)")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout instead of the summary")
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fmt.Fprintf(stdout, "usage: %s merge [-o file.trace] [-json] shard-report.json...\n", progName)
		fs.PrintDefaults()
		return exitOK
	}
	if err != nil {
		return usageErr(stderr, "merge: %v", err)
	}
	if len(pos) == 0 {
		return usageErr(stderr, "merge: want the reports of one or more shards (check run ... -shard i/N -report FILE)")
	}
	if *out != "" {
		if err := writable(*out); err != nil {
			return usageErr(stderr, "merge: -o: %v", err)
		}
	}
	sw, err := loadSwarm(pos)
	if err != nil {
		return usageErr(stderr, "merge: %v", err)
	}
	best, err := sw.verify()
	if err != nil {
		return usageErr(stderr, "merge: %v", err)
	}
	if *asJSON {
		if err := encodeJSON(stdout, sw.json(best)); err != nil {
			return usageErr(stderr, "merge: %v", err)
		}
	} else {
		sw.writeSummary(stdout, best)
	}
	switch {
	case *out != "" && best == nil:
		fmt.Fprintf(stderr, "%s: no counterexample: -o wrote nothing\n", progName)
	case *out != "":
		if err := sw.save(*out, best); err != nil {
			return usageErr(stderr, "merge: -o: %v", err)
		}
		fmt.Fprintf(stderr, "%s: saved %s\n", progName, *out)
	}
	return sw.exitCode()
}

// A shardFile is one report and the file it came from.
type shardFile struct {
	name string
	r    shardJSON
}

// A swarm is the merged reports.
type swarm struct {
	shards []*shardFile // by shard count, index, seed, then file name
	info   *catalog.Info
	inst   *protocols.Instance
	props  []*mergedProp // in the reports' order
	walks  int64
	gen    int64
	states coverage
}

// A mergedProp is one property's verdict over the swarm.
type mergedProp struct {
	name, expect        string
	status              string // "violated", "holds" (a Sometimes witnessed) or "unknown"
	violated, witnessed int    // shards that violated it, witnessed it
	message             string
	best                *shardViolation // the shortest counterexample
	from                *shardFile      // the shard best comes from
	verifyNote          string          // the replay's verdict on best
}

// loadSwarm reads the reports and checks that they are shards of one
// search: the same protocol, configuration, symmetry and properties, each
// shard once.
func loadSwarm(names []string) (*swarm, error) {
	sw := &swarm{}
	for _, name := range names {
		sf, err := readShard(name)
		if err != nil {
			return nil, err
		}
		sw.shards = append(sw.shards, sf)
	}
	slices.SortFunc(sw.shards, func(a, b *shardFile) int {
		if c := compareShards(a, b); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	first := sw.shards[0]
	for i, sf := range sw.shards[1:] {
		if err := sameSearch(first, sf); err != nil {
			return nil, err
		}
		if prev := sw.shards[i]; compareShards(prev, sf) == 0 {
			return nil, fmt.Errorf("%s and %s are the same shard (%d/%d, -seed %d): it would count twice", prev.name, sf.name, sf.r.Shard.Index, sf.r.Shard.Count, sf.r.Seed)
		}
	}
	e, err := protocols.Lookup(first.r.Protocol)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", first.name, err)
	}
	cfg, err := catalog.ParseConfig(first.r.Config)
	if err != nil {
		return nil, fmt.Errorf("%s: config: %v", first.name, err)
	}
	if sw.inst, err = e.Build(cfg); err != nil {
		return nil, fmt.Errorf("%s: config %s: %v", first.name, first.r.Config, err)
	}
	sw.info = e.Info()
	for _, sf := range sw.shards {
		sw.walks += sf.r.Walks
		sw.gen += sf.r.GeneratedSuccessors
	}
	sw.mergeProps()
	sw.states = sw.coverage()
	return sw, nil
}

// readShard reads one report.
func readShard(name string) (*shardFile, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	sf := &shardFile{name: name}
	if err := json.Unmarshal(data, &sf.r); err != nil {
		return nil, fmt.Errorf("%s: not a shard report: %v", name, err)
	}
	r := &sf.r
	switch {
	case r.Format != shardFormat:
		return nil, fmt.Errorf("%s: format %q, want %q (a report of check run -shard)", name, r.Format, shardFormat)
	case r.Shard.Count < 1 || r.Shard.Index < 0 || r.Shard.Index >= r.Shard.Count:
		return nil, fmt.Errorf("%s: shard %d/%d out of range", name, r.Shard.Index, r.Shard.Count)
	}
	for _, c := range r.Counterexamples {
		if len(c.Path) != c.TraceLength+1 || len(c.Actions) != c.TraceLength {
			return nil, fmt.Errorf("%s: counterexample to %q: %d steps, but a path of %d indices and %d actions", name, c.Property, c.TraceLength, len(c.Path), len(c.Actions))
		}
	}
	return sf, nil
}

// compareShards orders shards by count, index and seed.
func compareShards(a, b *shardFile) int {
	x, y := a.r, b.r
	if c := x.Shard.Count - y.Shard.Count; c != 0 {
		return c
	}
	if c := x.Shard.Index - y.Shard.Index; c != 0 {
		return c
	}
	switch {
	case x.Seed < y.Seed:
		return -1
	case x.Seed > y.Seed:
		return 1
	}
	return 0
}

// sameSearch refuses to merge reports of different searches.
func sameSearch(a, b *shardFile) error {
	x, y := a.r, b.r
	what := ""
	switch {
	case x.Protocol != y.Protocol:
		what = fmt.Sprintf("protocol %s and %s", x.Protocol, y.Protocol)
	case x.Config != y.Config:
		what = fmt.Sprintf("config %q and %q", x.Config, y.Config)
	case x.Symmetry != y.Symmetry || x.Stutter != y.Stutter:
		what = "-symmetry or -stutter differ"
	case !slices.Equal(x.Props, y.Props):
		what = fmt.Sprintf("-props %q and %q", x.Props, y.Props)
	case !slices.EqualFunc(x.Properties, y.Properties, func(p, q shardProperty) bool { return p.Name == q.Name && p.Expectation == q.Expectation }):
		what = "different properties"
	}
	if what != "" {
		return fmt.Errorf("%s and %s are not shards of one search: %s", a.name, b.name, what)
	}
	return nil
}

// mergeProps takes the union of the verdicts and each property's shortest
// counterexample.
func (sw *swarm) mergeProps() {
	for i, p := range sw.shards[0].r.Properties {
		mp := &mergedProp{name: p.Name, expect: p.Expectation, status: "unknown", message: p.Message}
		for _, sf := range sw.shards {
			switch sf.r.Properties[i].Status {
			case "violated":
				mp.violated++
			case "holds":
				mp.witnessed++
			}
			for k := range sf.r.Counterexamples {
				c := &sf.r.Counterexamples[k]
				if c.Property == p.Name && (mp.best == nil || shorter(c, sf, mp.best, mp.from)) {
					mp.best, mp.from = c, sf
				}
			}
		}
		switch {
		case mp.violated > 0:
			mp.status, mp.message = "violated", ""
		case mp.witnessed > 0:
			mp.status, mp.message = "holds", ""
		case p.Expectation == "eventually" || p.Expectation == "leads-to":
			mp.message = "not checked: random walks do not check liveness"
		case p.Expectation == "sometimes":
			mp.message = fmt.Sprintf("no witness found in %d shards (random search is not exhaustive)", len(sw.shards))
		default:
			mp.message = fmt.Sprintf("no violation found in %d shards (random search is not exhaustive)", len(sw.shards))
		}
		sw.props = append(sw.props, mp)
	}
}

// shorter reports whether counterexample c of shard sf beats best of
// shard bf: fewer steps, then the smaller index path, then the lower
// shard (by count, index, seed).
func shorter(c *shardViolation, sf *shardFile, best *shardViolation, bf *shardFile) bool {
	if c.TraceLength != best.TraceLength {
		return c.TraceLength < best.TraceLength
	}
	if d := slices.Compare(c.Path, best.Path); d != 0 {
		return d < 0
	}
	return compareShards(sf, bf) < 0
}

// verify replays every property's shortest counterexample through the
// model, as check replay would, and returns the shortest of them all (the
// first in property order among equals), nil when there is none. A
// counterexample that does not replay, or no longer fails, is bad input.
func (sw *swarm) verify() (*mergedProp, error) {
	var best *mergedProp
	for _, mp := range sw.props {
		if mp.best == nil {
			continue
		}
		code, msg, err := replayParsed(sw.traceFile(mp, nil), io.Discard)
		switch {
		case err != nil:
			return nil, fmt.Errorf("%s: the counterexample to %q does not replay: %v", mp.from.name, mp.name, err)
		case code != exitViolation:
			return nil, fmt.Errorf("%s: the counterexample to %q does not reproduce: %s", mp.from.name, mp.name, msg)
		}
		mp.verifyNote = msg
		if best == nil || mp.best.TraceLength < best.best.TraceLength {
			best = mp
		}
	}
	return best, nil
}

// traceFile builds the trace file of a property's shortest counterexample:
// with the replayed trace tr (states filled in) for writing, or with tr nil
// as a parsed file (labels only) for replayParsed.
func (sw *swarm) traceFile(mp *mergedProp, tr *counterexamples.File) *counterexamples.File {
	r, c := &mp.from.r, mp.best
	expect, _ := counterexamples.ParseExpectation(c.Expectation)
	f := &counterexamples.File{Header: counterexamples.Header{
		Protocol: r.Protocol, Params: counterexamples.Params{Config: sw.inst.Config, Symmetry: r.Symmetry, Stutter: r.Stutter},
		Property: c.Property, Expect: expect, Result: counterexamples.ResultCounterexample,
		Engine: "random", Seed: c.Seed, Generated: r.GeneratedSuccessors, Distinct: r.StatesCovered,
		MaxDepth: r.MaxDepthSteps, Reproduce: c.Replay, Message: c.Message,
	}}
	if tr != nil {
		f.Trace = tr.Trace
		return f
	}
	f.Trace.Loop, f.Trace.Path = -1, c.Path
	f.Trace.Steps = make([]model.Step, len(c.Path))
	for i, a := range c.Actions {
		f.Trace.Steps[i+1].Action = a
	}
	return f
}

// save writes the shortest counterexample as a trace file and checks that
// it replays.
func (sw *swarm) save(name string, mp *mergedProp) error {
	tr, err := sw.inst.Replay(mp.best.Path)
	if err != nil {
		return err
	}
	tr.Loop = -1
	f := sw.traceFile(mp, &counterexamples.File{Trace: *tr})
	f.Header.Replay = progName + " replay " + filepath.ToSlash(name)
	if err := counterexamples.WriteFile(name, f); err != nil {
		return err
	}
	if code, msg, err := replayFile(name, io.Discard); err != nil || code != exitViolation {
		return fmt.Errorf("%s does not reproduce (%v): %s", name, err, msg)
	}
	return nil
}

// exitCode is 1 when a property failed in some shard, else 3: random
// search is never exhaustive.
func (sw *swarm) exitCode() int {
	for _, mp := range sw.props {
		if mp.status == "violated" {
			return exitViolation
		}
	}
	return exitIncomplete
}
