package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/protocols"
)

// replayCmd is `check replay [-q] <file.trace|file.json>`: it rebuilds the model from
// the file's header, re-executes the path step by step, checks every label
// and decides whether the trace still shows what the file claims. Exit 1:
// a counterexample still reproduces its violation (the normal case for a
// saved counterexample). Exit 0: it no longer fails at its end (or a
// witness still reaches its predicate). Exit 2: the file cannot be read or
// does not replay.
func replayCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check replay", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	quiet := fs.Bool("q", false, "print only the verdict, not the replayed trace")
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "usage: check replay [-q] <file.trace|file.json>")
		return exitOK
	}
	if err != nil {
		return usageErr(stderr, "replay: %v", err)
	}
	if len(pos) != 1 {
		return usageErr(stderr, "replay: want one trace file, got %d arguments", len(pos))
	}
	out := stdout
	if *quiet {
		out = io.Discard
	}
	code, msg, err := replayFile(pos[0], out)
	if err != nil {
		return usageErr(stderr, "replay: %v", err)
	}
	fmt.Fprintln(stdout, msg)
	return code
}

// replayFile replays one saved trace through the registry. It writes the
// replayed trace (fresh states, the file's header) to out and returns the
// exit code and a one-line verdict, or an error (exit 2) when the file
// cannot be read, names an unknown protocol or property, or does not
// replay (an error wrapping counterexamples.ErrReplayMismatch when a label
// differs).
func replayFile(name string, out io.Writer) (int, string, error) {
	f, err := counterexamples.Load(name) // the text or the JSON form
	if err != nil {
		return exitUsage, "", err // names the file
	}
	code, msg, err := replayParsed(f, out)
	if err != nil {
		return code, msg, fmt.Errorf("%s: %w", name, err)
	}
	return code, msg, nil
}

// replayParsed is replayFile after parsing.
func replayParsed(f *counterexamples.File, out io.Writer) (int, string, error) {
	h := &f.Header
	e, err := protocols.Lookup(h.Protocol)
	if err != nil {
		return exitUsage, "", err
	}
	inst, err := e.Build(h.Params.Config)
	if err != nil {
		return exitUsage, "", fmt.Errorf("params %s: %w", h.Params, err)
	}
	if h.Params.Symmetry && !inst.Symmetric {
		return exitUsage, "", fmt.Errorf("params: symmetry=true, but %s declares no symmetry", h.Protocol)
	}
	if err := checkClaim(inst, h); err != nil {
		return exitUsage, "", err
	}
	tr, err := safeReplay(inst, f.Trace.Path)
	if errors.Is(err, errModelPanic) && h.Property == explore.PanicProperty {
		return exitViolation, fmt.Sprintf("reproduced: %q: %v", h.Property, err), nil
	}
	if err != nil {
		return exitUsage, "", fmt.Errorf("path %s does not replay: %w", counterexamples.FormatPath(f.Trace.Path), err)
	}
	if err := counterexamples.Check(f, tr); err != nil {
		return exitUsage, "", err
	}
	tr.Loop = f.Trace.Loop
	repro, why, err := inst.Reproduces(explore.Claim{Property: h.Property, Expect: h.Expect,
		Witness: h.Result == counterexamples.ResultWitness, Symmetry: h.Params.Symmetry, Stutter: h.Params.Stutter}, tr)
	if err != nil {
		return exitUsage, "", err
	}
	if out != io.Discard {
		if err := counterexamples.Write(out, &counterexamples.File{Header: *h, Trace: *tr}); err != nil {
			return exitUsage, "", err
		}
		fmt.Fprintln(out)
	}
	what := fmt.Sprintf("%q (%s) after %d steps", h.Property, h.Expect, tr.Len())
	switch {
	case h.Result == counterexamples.ResultWitness && repro:
		return exitOK, "witness reproduces: " + what + ": " + why, nil
	case h.Result == counterexamples.ResultWitness:
		return exitViolation, "witness no longer reproduces: " + what + ": " + why, nil
	case repro:
		return exitViolation, "reproduced: " + what + ": " + why, nil
	}
	return exitOK, "does not reproduce: " + what + ": " + why, nil
}

// checkClaim refuses a header that names a property the model does not
// have, or with another expectation than the model's.
func checkClaim(inst *protocols.Instance, h *counterexamples.Header) error {
	switch h.Property {
	case explore.PanicProperty:
		return nil
	case explore.DeadlockProperty:
		if !inst.Final {
			return fmt.Errorf("property %q: %s declares no final states, so it has no deadlock check", h.Property, h.Protocol)
		}
		return nil
	}
	p, ok := inst.Prop(h.Property)
	if !ok {
		return fmt.Errorf("the model has no property %q", h.Property)
	}
	if p.Expect != h.Expect {
		return fmt.Errorf("property %q is %s in the model, but the file says %s", h.Property, p.Expect, h.Expect)
	}
	return nil
}

// errModelPanic is wrapped by safeReplay's error when model code panicked.
var errModelPanic = errors.New("the model panicked during replay")

// safeReplay replays a path, turning a panic in model code into an error.
func safeReplay(inst *protocols.Instance, path []int) (tr *model.Trace, err error) {
	defer func() {
		if v := recover(); v != nil {
			tr, err = nil, fmt.Errorf("%w: %v", errModelPanic, v)
		}
	}()
	return inst.Replay(path)
}
