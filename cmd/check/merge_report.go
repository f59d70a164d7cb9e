package main

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/counterexamples"
)

// coverage is how many states the shards covered together.
type coverage struct {
	sum, largest int64  // summed over shards; the largest shard's
	union        int64  // the exact union, when exact
	exact        bool   // union was counted from the fingerprint files
	why          string // why it was not
}

func (c coverage) String() string {
	if c.exact {
		return fmt.Sprintf("%d distinct states covered (the exact union of the shards' fingerprints; %d summed over shards)", c.union, c.sum)
	}
	return fmt.Sprintf("at most %d distinct states covered (the sum over shards, an upper bound of their union: %s), at least %d (the largest shard)", c.sum, c.why, c.largest)
}

func (sw *swarm) coverage() coverage {
	var c coverage
	for _, sf := range sw.shards {
		c.sum += sf.r.StatesCovered
		c.largest = max(c.largest, sf.r.StatesCovered)
	}
	n, err := sw.unionFingerprints()
	if err != nil {
		c.why = err.Error()
		return c
	}
	c.union, c.exact = n, true
	return c
}

// unionFingerprints counts the distinct fingerprints in the shards'
// fingerprint files by a k-way merge of the sorted files: memory for one
// buffer per shard, whatever their size.
func (sw *swarm) unionFingerprints() (int64, error) {
	var h fpHeap
	defer func() {
		for _, s := range h {
			s.f.Close()
		}
	}()
	for _, sf := range sw.shards {
		if sf.r.Version != sw.shards[0].r.Version {
			return 0, fmt.Errorf("the reports come from different builds (%q, %q), whose fingerprints may differ", sw.shards[0].r.Version, sf.r.Version)
		}
		s, err := openFingerprints(sf)
		if err != nil {
			return 0, err
		}
		if ok, err := s.advance(); err != nil || !ok {
			s.f.Close()
			if err != nil {
				return 0, err
			}
			continue
		}
		h = append(h, s)
	}
	heap.Init(&h)
	var n int64
	var last uint64
	for len(h) > 0 {
		s := h[0]
		if n == 0 || s.cur != last {
			n, last = n+1, s.cur
		}
		ok, err := s.advance()
		switch {
		case err != nil:
			return 0, err
		case ok:
			heap.Fix(&h, 0)
		default:
			s.f.Close()
			heap.Pop(&h)
		}
	}
	return n, nil
}

// fpStream reads one fingerprint file in order.
type fpStream struct {
	name    string
	f       *os.File
	r       *bufio.Reader
	left    int64 // fingerprints not read yet
	cur     uint64
	started bool
}

func openFingerprints(sf *shardFile) (*fpStream, error) {
	ref := sf.r.Fingerprints
	if ref == nil {
		return nil, fmt.Errorf("%s names no fingerprint file (a report printed with -json, not written with -report)", sf.name)
	}
	name := filepath.Join(filepath.Dir(sf.name), filepath.Base(ref.File))
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	s := &fpStream{name: name, f: f, r: bufio.NewReaderSize(f, 1<<14)}
	line, err := s.r.ReadString('\n')
	magic, count, _ := strings.Cut(strings.TrimSpace(line), " ")
	n, nerr := strconv.ParseInt(count, 10, 64)
	switch {
	case err != nil || magic != fingerprintsMagic || nerr != nil:
		err = fmt.Errorf("%s: not a fingerprint file (%q)", name, fingerprintsMagic)
	case n != ref.Count || n != sf.r.StatesCovered:
		err = fmt.Errorf("%s holds %d fingerprints, but %s covered %d states", name, n, sf.name, sf.r.StatesCovered)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	s.left = n
	return s, nil
}

// advance reads the next fingerprint; false at the end of the file.
func (s *fpStream) advance() (bool, error) {
	if s.left == 0 {
		if _, err := s.r.ReadByte(); err != io.EOF {
			return false, fmt.Errorf("%s: data after the last fingerprint", s.name)
		}
		return false, nil
	}
	var b [8]byte
	if _, err := io.ReadFull(s.r, b[:]); err != nil {
		return false, fmt.Errorf("%s: %v", s.name, err)
	}
	v := binary.LittleEndian.Uint64(b[:])
	if s.started && v <= s.cur {
		return false, fmt.Errorf("%s: fingerprints out of order", s.name)
	}
	s.cur, s.started, s.left = v, true, s.left-1
	return true, nil
}

// fpHeap orders streams by their current fingerprint (container/heap).
type fpHeap []*fpStream

func (h fpHeap) Len() int           { return len(h) }
func (h fpHeap) Less(i, j int) bool { return h[i].cur < h[j].cur }
func (h fpHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *fpHeap) Push(x any)        { *h = append(*h, x.(*fpStream)) }
func (h *fpHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	*h = old[:len(old)-1]
	return s
}

// groups returns, per shard count and seed, the shard indices present.
func (sw *swarm) groups() []shardGroup {
	var out []shardGroup
	for _, sf := range sw.shards { // sorted by count, index, seed
		k := slices.IndexFunc(out, func(g shardGroup) bool { return g.Count == sf.r.Shard.Count && g.Seed == sf.r.Seed })
		if k < 0 {
			out = append(out, shardGroup{Count: sf.r.Shard.Count, Seed: sf.r.Seed})
			k = len(out) - 1
		}
		out[k].Indices = append(out[k].Indices, sf.r.Shard.Index)
	}
	for i := range out {
		slices.Sort(out[i].Indices)
		for x := range out[i].Count {
			if _, found := slices.BinarySearch(out[i].Indices, x); !found {
				out[i].Missing = append(out[i].Missing, x)
			}
		}
	}
	return out
}

// A shardGroup is the shards of one swarm (one count, one -seed).
type shardGroup struct {
	Count   int    `json:"count"`
	Seed    uint64 `json:"seed"`
	Indices []int  `json:"indices"`
	Missing []int  `json:"missing"` // indices with no report
}

// ranges prints sorted indices compactly: 0-3,5,7-8.
func ranges(xs []int) string {
	var parts []string
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", xs[i], xs[j]))
		} else {
			parts = append(parts, strconv.Itoa(xs[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// writeSummary prints the merged report for people.
func (sw *swarm) writeSummary(w io.Writer, best *mergedProp) {
	r := &sw.shards[0].r
	fmt.Fprintf(w, "protocol:   %s %s\n", r.Protocol, counterexamples.Params{Config: sw.inst.Config, Symmetry: r.Symmetry, Stutter: r.Stutter})
	fmt.Fprintf(w, "swarm:      %d shard reports, %d random walks in all\n", len(sw.shards), sw.walks)
	for _, g := range sw.groups() {
		fmt.Fprintf(w, "            shards %s of %d (-seed %d)", ranges(g.Indices), g.Count, g.Seed)
		if len(g.Missing) > 0 {
			fmt.Fprintf(w, "; MISSING %s", ranges(g.Missing))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "states:     %s; %d successors generated\n", sw.states, sw.gen)
	fmt.Fprintln(w, "properties:")
	for _, mp := range sw.props {
		line := ""
		switch mp.status {
		case "violated":
			line = fmt.Sprintf("  VIOLATED  %q (%s): in %d of %d shards", mp.name, mp.expect, mp.violated, len(sw.shards))
			if mp.best != nil {
				line += fmt.Sprintf(", shortest %d steps (%s: shard %d/%d, walk %d)", mp.best.TraceLength, mp.from.name, mp.from.r.Shard.Index, mp.from.r.Shard.Count, mp.best.Walk)
			}
		case "holds":
			line = fmt.Sprintf("  witnessed %q (%s): in %d of %d shards", mp.name, mp.expect, mp.witnessed, len(sw.shards))
		default:
			line = fmt.Sprintf("  undecided %q (%s): %s", mp.name, mp.expect, mp.message)
		}
		fmt.Fprintln(w, line)
	}
	if best != nil {
		fmt.Fprintf(w, "\nshortest counterexample: %q, %d steps, from %s (%s)\n\n", best.name, best.best.TraceLength, best.from.name, best.verifyNote)
		if tr, err := sw.inst.Replay(best.best.Path); err == nil {
			tr.Loop = -1
			if err := counterexamples.Write(w, sw.traceFile(best, &counterexamples.File{Trace: *tr})); err != nil {
				fmt.Fprintf(w, "(cannot render the trace: %v)\n", err)
			}
		}
	}
	fmt.Fprintln(w, "\n"+sw.verdict())
}

// verdict is the last line: never "verified".
func (sw *swarm) verdict() string {
	n := 0
	for _, mp := range sw.props {
		if mp.status == "violated" {
			n++
		}
	}
	if n > 0 {
		return fmt.Sprintf("VIOLATED: %d of %d properties failed in %d shards (%d random walks)", n, len(sw.props), len(sw.shards), sw.walks)
	}
	return fmt.Sprintf("no violation found in %d shards (%d random walks): random search is not exhaustive, nothing is verified", len(sw.shards), sw.walks)
}

// mergeJSON is the shape of `check merge -json`.
type mergeJSON struct {
	Format          string          `json:"format"` // mergeFormat
	Protocol        string          `json:"protocol"`
	Config          string          `json:"config"`
	Symmetry        bool            `json:"symmetry"`
	Stutter         bool            `json:"stutter"`
	Props           []string        `json:"props"`
	Reports         []string        `json:"reports"` // the files, in shard order
	Swarms          []shardGroup    `json:"swarms"`  // per shard count and -seed: the indices merged and missing
	Walks           int64           `json:"walks"`
	Generated       int64           `json:"generated_successors"`
	States          mergeStatesJSON `json:"states_covered"`
	Properties      []mergePropJSON `json:"properties"`
	Counterexamples []mergeCexJSON  `json:"counterexamples"`
	Shortest        string          `json:"shortest,omitempty"` // the property whose counterexample -o writes
	Verdict         string          `json:"verdict"`
	ExitCode        int             `json:"exit_code"`
}

type mergeStatesJSON struct {
	Union   *int64 `json:"union"`   // the exact union of the fingerprints; null when not counted
	Sum     int64  `json:"sum"`     // summed over shards: an upper bound of the union
	Largest int64  `json:"largest"` // the largest shard's: a lower bound
	Note    string `json:"note,omitempty"`
}

type mergePropJSON struct {
	Name            string `json:"name"`
	Expectation     string `json:"expectation"`
	Status          string `json:"status"` // "violated", "holds" (witnessed) or "unknown"
	ShardsViolated  int    `json:"shards_violated"`
	ShardsWitnessed int    `json:"shards_witnessed"`
	Message         string `json:"message,omitempty"`
}

type mergeCexJSON struct {
	shardViolation
	Report string  `json:"report"` // the shard's report file
	Shard  shardID `json:"shard"`
}

func (sw *swarm) json(best *mergedProp) *mergeJSON {
	r := &sw.shards[0].r
	out := &mergeJSON{Format: mergeFormat, Protocol: r.Protocol, Config: r.Config, Symmetry: r.Symmetry,
		Stutter: r.Stutter, Props: r.Props, Swarms: sw.groups(), Walks: sw.walks, Generated: sw.gen,
		States:     mergeStatesJSON{Sum: sw.states.sum, Largest: sw.states.largest, Note: sw.states.why},
		Properties: []mergePropJSON{}, Counterexamples: []mergeCexJSON{}, Verdict: sw.verdict(), ExitCode: sw.exitCode()}
	if sw.states.exact {
		out.States.Union = &sw.states.union
	}
	for _, sf := range sw.shards {
		out.Reports = append(out.Reports, sf.name)
	}
	for _, mp := range sw.props {
		out.Properties = append(out.Properties, mergePropJSON{Name: mp.name, Expectation: mp.expect, Status: mp.status,
			ShardsViolated: mp.violated, ShardsWitnessed: mp.witnessed, Message: mp.message})
		if mp.best != nil {
			out.Counterexamples = append(out.Counterexamples, mergeCexJSON{shardViolation: *mp.best, Report: mp.from.name, Shard: mp.from.r.Shard})
		}
	}
	if best != nil {
		out.Shortest = best.name
	}
	return out
}
