package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/explore"
)

// A swarm shard is `check run <protocol> -engine random -shard i/N`: one of
// N independent random searches, each diversified by its index (seeds,
// step choice, walk depth: explore.Shard), that writes a JSON report
// (-report FILE, or -json). `check merge` combines the reports.

// shardFormat names the JSON format of a shard's report.
const shardFormat = "protocheck-shard/1"

// shardIndexEnv are the variables job schedulers set to a job's index in
// an array of jobs: a Kubernetes Indexed Job's and a Slurm job array's.
var shardIndexEnv = []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"}

// parseShard reads a -shard value: "i/N", or "N" with the index i taken
// from the environment (shardIndexEnv). It also returns where the index
// came from: "flag" or the variable's name.
func parseShard(spec string, getenv func(string) string) (explore.Shard, string, error) {
	idx, count, explicit := strings.Cut(spec, "/")
	if !explicit {
		count = spec
	}
	n, err := strconv.Atoi(count)
	if err != nil || n < 1 || n > 1<<24 {
		return explore.Shard{}, "", fmt.Errorf("-shard %q: want i/N or N (the index from %s), with N a count from 1 to 2^24", spec, strings.Join(shardIndexEnv, " or "))
	}
	from := "flag"
	if !explicit {
		if idx, from, err = indexFromEnv(getenv, spec); err != nil {
			return explore.Shard{}, "", err
		}
	}
	i, err := strconv.Atoi(idx)
	if err != nil || i < 0 || i >= n {
		return explore.Shard{}, "", fmt.Errorf("-shard %q: index %q (from %s) is not in 0..%d", spec, idx, from, n-1)
	}
	return explore.Shard{Index: i, Count: n}, from, nil
}

// indexFromEnv returns the shard index the environment sets, and the
// variable's name; two variables that disagree are an error.
func indexFromEnv(getenv func(string) string, spec string) (string, string, error) {
	var val, from string
	for _, name := range shardIndexEnv {
		v := strings.TrimSpace(getenv(name))
		switch {
		case v == "":
		case val == "":
			val, from = v, name
		case v != val:
			return "", "", fmt.Errorf("-shard %s: %s=%s and %s=%s disagree", spec, from, val, name, v)
		}
	}
	if val == "" {
		return "", "", fmt.Errorf("-shard %s: no index: give -shard i/%s, or set %s", spec, spec, strings.Join(shardIndexEnv, " or "))
	}
	return val, from, nil
}

// shardOption checks -shard and -report and returns the engine's shard.
func (f *runFlags) shardOption() (explore.Shard, error) {
	switch {
	case f.shard == "" && f.report != "":
		return explore.Shard{}, fmt.Errorf("-report writes a swarm shard's report: give -shard too")
	case f.shard == "":
		return explore.Shard{}, nil
	case f.engine != "random":
		return explore.Shard{}, fmt.Errorf("-shard is for -engine random (a swarm of random searches)")
	}
	sh, _, err := parseShard(f.shard, os.Getenv)
	return sh, err
}

// shardJSON is a shard's report. Seeds are exact as Go reads them (JSON
// tools that read numbers as doubles round those above 2^53).
type shardJSON struct {
	Format              string           `json:"format"`      // shardFormat
	Version             string           `json:"version"`     // the binary, as `check version` prints it
	Protocol            string           `json:"protocol"`    // the protocol's name
	Config              string           `json:"config"`      // the configuration line (catalog.Config), as trace headers print it
	Symmetry            bool             `json:"symmetry"`    // -symmetry
	Stutter             bool             `json:"stutter"`     // -stutter
	Props               []string         `json:"props"`       // the properties selected with -props; empty: all
	Shard               shardID          `json:"shard"`       // which shard
	Seed                uint64           `json:"seed"`        // -seed: the swarm's base seed
	Plan                shardPlanJSON    `json:"plan"`        // how this shard diversifies its walks
	Workers             int              `json:"workers"`     // goroutines
	Walks               int64            `json:"walks"`       // walks run
	StopReason          string           `json:"stop_reason"` // why the run ended
	StatesCovered       int64            `json:"states_covered"`
	GeneratedSuccessors int64            `json:"generated_successors"`
	MaxDepthSteps       int              `json:"max_depth_steps"` // the longest walk, in steps
	Fingerprints        *fingerprintsRef `json:"fingerprints,omitempty"`
	Properties          []shardProperty  `json:"properties"`
	Counterexamples     []shardViolation `json:"counterexamples"`
	ElapsedSeconds      float64          `json:"elapsed_seconds"`
	ExitCode            int              `json:"exit_code"` // as `check run` exits: 1 a violation, 3 none found
	Reproduce           string           `json:"reproduce"` // the command that reruns this shard
}

type shardID struct {
	Index     int    `json:"index"`
	Count     int    `json:"count"`
	IndexFrom string `json:"index_from"` // "flag", "JOB_COMPLETION_INDEX" or "SLURM_ARRAY_TASK_ID"
}

type shardPlanJSON struct {
	WalkSeed  uint64  `json:"walk_seed"`  // the seed of walk 0; walk n uses walk_seed+n
	WalkDepth int     `json:"walk_depth"` // steps per walk
	Greed     float64 `json:"greed"`      // probability of the shard's preferred step
	StepOrder string  `json:"step_order"` // the key of that preference, hex; "" for uniform choices
}

// fingerprintsRef names the side file with the fingerprints of the states
// the shard covered (fingerprint files, below).
type fingerprintsRef struct {
	File  string `json:"file"` // relative to the report's directory
	Count int64  `json:"count"`
}

type shardProperty struct {
	Name        string `json:"name"`
	Expectation string `json:"expectation"`
	Status      string `json:"status"` // "violated", "holds" (a Sometimes witnessed) or "unknown"
	Message     string `json:"message,omitempty"`
}

// shardViolation is the shortest counterexample a shard found to one
// property.
type shardViolation struct {
	Property    string   `json:"property"`
	Expectation string   `json:"expectation"`
	TraceLength int      `json:"trace_length"` // steps
	Path        []int    `json:"path"`         // the index path, as in trace files
	Actions     []string `json:"actions"`      // the steps' labels
	Walk        uint64   `json:"walk"`         // the walk's number in the shard
	Seed        uint64   `json:"seed"`         // the -seed that, with this -shard and -walks 1, reruns the walk alone
	Replay      string   `json:"replay"`       // that command
	Message     string   `json:"message,omitempty"`
}

// A shardRun collects a shard's report during `check run`.
type shardRun struct {
	from string
	rep  *explore.ShardReport
}

// startShard makes the run report to a new shardRun; nil when the run is
// no swarm shard.
func (j *job) startShard() *shardRun {
	if j.opts.Shard.Count == 0 {
		return nil
	}
	_, from, _ := parseShard(j.flags.shard, os.Getenv)
	sr := &shardRun{from: from}
	j.opts.Shard.Report = func(r *explore.ShardReport) { sr.rep = r }
	return sr
}

// report builds the shard's report from the run's result.
func (sr *shardRun) report(j *job, res *explore.Result) *shardJSON {
	sh, plan := j.opts.Shard, sr.rep.Plan
	r := &shardJSON{
		Format: shardFormat, Version: version(), Protocol: j.info.Name, Config: j.cfg.String(),
		Symmetry: j.opts.Symmetry, Stutter: j.opts.Stutter, Props: append([]string{}, j.props...),
		Shard: shardID{Index: sh.Index, Count: sh.Count, IndexFrom: sr.from}, Seed: j.opts.Seed,
		Plan:    shardPlanJSON{WalkSeed: plan.Seed, WalkDepth: plan.WalkDepth, Greed: plan.Greed},
		Workers: res.Workers, Walks: sr.rep.Walks, StopReason: res.StopReason,
		StatesCovered: res.Distinct, GeneratedSuccessors: res.Generated, MaxDepthSteps: res.MaxDepth,
		Properties: []shardProperty{}, Counterexamples: []shardViolation{},
		ElapsedSeconds: res.Elapsed.Seconds(), ExitCode: res.ExitCode(),
		Reproduce: fmt.Sprintf("%s -shard %d/%d", j.reproduceCommand(), sh.Index, sh.Count),
	}
	if plan.Order != 0 {
		r.Plan.StepOrder = fmt.Sprintf("%016x", plan.Order)
	}
	for _, p := range res.Properties {
		r.Properties = append(r.Properties, shardProperty{Name: p.Name, Expectation: p.Expect.String(),
			Status: p.Status.String(), Message: p.MessageLine()})
		if p.Status != explore.Violated || p.Trace == nil || len(p.Trace.Steps) == 0 {
			continue
		}
		c := shardViolation{Property: p.Name, Expectation: p.Expect.String(), TraceLength: p.Trace.Len(),
			Path: p.Trace.Path, Actions: []string{}, Message: p.MessageLine()}
		for _, s := range p.Trace.Steps[1:] {
			c.Actions = append(c.Actions, s.Action)
		}
		for _, f := range sr.rep.Found {
			if f.Property == p.Name {
				c.Walk, c.Seed = f.Walk, j.opts.Seed+f.Walk
				c.Replay = j.walkCommand(c.Seed)
			}
		}
		r.Counterexamples = append(r.Counterexamples, c)
	}
	return r
}

// walkCommand is the command line that reruns one walk of this shard
// alone: the same shard with -seed seed and -walks 1.
func (j *job) walkCommand(seed uint64) string {
	run := j.run()
	run.Opts.Seed, run.Opts.Walks = seed, 1
	return fmt.Sprintf("%s -shard %d/%d -workers 1", run.Reproduce(), j.opts.Shard.Index, j.opts.Shard.Count)
}

// writeJSON prints the shard's report on w (-json with -shard); it has
// writeJSON's signature.
func (sr *shardRun) writeJSON(w io.Writer, j *job, res *explore.Result) error {
	return encodeJSON(w, sr.report(j, res))
}

// finish writes -report: the fingerprint file first, then the report that
// names it, each through a temporary file renamed into place, so a killed
// job leaves either a whole report or none.
func (sr *shardRun) finish(j *job, res *explore.Result, stderr io.Writer) error {
	if j.flags.report == "" {
		return nil
	}
	r := sr.report(j, res)
	fps := fingerprintsName(j.flags.report)
	err := writeAtomic(fps, func(w io.Writer) error { return writeFingerprints(w, sr.rep.Fingerprints) })
	if err != nil {
		return fmt.Errorf("-report: %v", err)
	}
	r.Fingerprints = &fingerprintsRef{File: filepath.Base(fps), Count: int64(len(sr.rep.Fingerprints))}
	if err := writeAtomic(j.flags.report, func(w io.Writer) error { return encodeJSON(w, r) }); err != nil {
		return fmt.Errorf("-report: %v", err)
	}
	fmt.Fprintf(stderr, "%s: wrote %s and %s\n", progName, j.flags.report, fps)
	return nil
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeAtomic writes name through a temporary file in its directory.
func writeAtomic(name string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after a successful rename there is nothing left to remove
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

// Fingerprint files hold the fingerprints of the states a shard covered:
// a first line "protocheck-fingerprints/1 <count>\n", then count
// fingerprints as little-endian 64-bit words in increasing order. Every
// process fingerprints a state alike, so `check merge` counts the states
// the shards covered together by a merge of the sorted files.
const fingerprintsMagic = "protocheck-fingerprints/1"

// fingerprintsName is the fingerprint file beside a report:
// shard-3.json -> shard-3.fps.
func fingerprintsName(report string) string {
	return strings.TrimSuffix(report, ".json") + ".fps"
}

func writeFingerprints(w io.Writer, fps []uint64) error {
	if _, err := fmt.Fprintf(w, "%s %d\n", fingerprintsMagic, len(fps)); err != nil {
		return err
	}
	var b [8]byte
	for _, fp := range fps {
		binary.LittleEndian.PutUint64(b[:], fp)
		if _, err := w.Write(b[:]); err != nil {
			return err
		}
	}
	return nil
}
