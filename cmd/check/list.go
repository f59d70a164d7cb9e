package main

import (
	"fmt"
	"io"
	"strings"
)

// listCmd prints the catalogue: each protocol with its summary, -n, variants,
// faults and networks, and its properties (liveness ones marked), taken
// from a runner built with the default configuration. `list -names` prints
// only the names, one a line, for scripts.
func listCmd(args []string, stdout, stderr io.Writer) int {
	names := len(args) == 1 && args[0] == "-names"
	if len(args) > 0 && !names {
		return usageErr(stderr, "list takes no arguments but -names (got %q)", strings.Join(args, " "))
	}
	ps := protocols()
	if names {
		for _, p := range ps {
			fmt.Fprintln(stdout, p.Name)
		}
		return exitOK
	}
	if len(ps) == 0 {
		fmt.Fprintln(stdout, "no protocols registered")
		return exitOK
	}
	for i, p := range ps {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		listOne(stdout, p)
	}
	return exitOK
}

func listOne(w io.Writer, p *protocol) {
	fmt.Fprintf(w, "%s — %s\n", p.Name, p.Summary)
	nRange := fmt.Sprintf("%d..", p.MinN)
	if p.MaxN > 0 {
		nRange += fmt.Sprint(p.MaxN)
	}
	fmt.Fprintf(w, "  -n        %s (default %d, range %s)\n", orNone(p.NHelp), p.DefaultN, nRange)
	for i, v := range p.Variants {
		lead := "  -variant  "
		if i > 0 {
			lead = "            "
		}
		def := ""
		if i == 0 {
			def = " (default)"
		}
		fmt.Fprintf(w, "%s%s: %s%s\n", lead, v.Name, v.Summary, def)
	}
	if len(p.Faults) > 0 {
		fmt.Fprintf(w, "  -faults   %s (as kind=count,...)\n", strings.Join(p.Faults, ", "))
	}
	if len(p.Networks) > 0 {
		fmt.Fprintf(w, "  -network  %s (default %s)\n", strings.Join(p.Networks, ", "), p.Networks[0])
	}
	r, err := p.Build(config{N: p.DefaultN, Variant: p.defaultVariant(), Network: p.defaultNetwork()})
	if err != nil {
		fmt.Fprintf(w, "  properties unavailable: %v\n", err)
		return
	}
	fmt.Fprintln(w, "  properties:")
	for _, pr := range r.props {
		kind := pr.Expect.String()
		if pr.Expect.Liveness() {
			kind += ", liveness"
		}
		fmt.Fprintf(w, "    %-32q %s\n", pr.Name, kind)
	}
}

func orNone(s string) string {
	if s == "" {
		return "processes"
	}
	return s
}

// lookup finds a protocol by name; for an unknown name it returns an error
// that suggests the closest name and points at `check list`.
func lookup(name string) (*protocol, error) {
	if p, ok := registry[name]; ok {
		return p, nil
	}
	var names []string
	best, bestD := "", 1<<30
	for _, p := range protocols() {
		names = append(names, p.Name)
		if d := editDistance(name, p.Name); d < bestD {
			best, bestD = p.Name, d
		}
	}
	hint := ""
	if best != "" && bestD <= 3 {
		hint = fmt.Sprintf("; did you mean %q?", best)
	}
	return nil, fmt.Errorf("unknown protocol %q%s (known: %s; see `check list`)", name, hint, strings.Join(names, ", "))
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
