package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/protocols"
)

// listCmd prints the catalogue: each protocol with its summary, parameters,
// variants (with what each must violate and its default faults and
// network) and every property any variant has. `list -names` prints only
// the names, one a line, for scripts; `list <protocol>` only that one.
func listCmd(args []string, stdout, stderr io.Writer) int {
	names := len(args) == 1 && args[0] == "-names"
	if names {
		for _, e := range protocols.All() {
			fmt.Fprintln(stdout, e.Info().Name)
		}
		return exitOK
	}
	entries := protocols.All()
	if len(args) > 0 {
		entries = entries[:0]
		for _, a := range args {
			e, err := protocols.Lookup(a)
			if err != nil {
				return usageErr(stderr, "list: %v", err)
			}
			entries = append(entries, e)
		}
	}
	for i, e := range entries {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := listOne(stdout, e); err != nil {
			return usageErr(stderr, "list %s: %v", e.Info().Name, err)
		}
	}
	return exitOK
}

func listOne(w io.Writer, e protocols.Entry) error {
	in := e.Info()
	fmt.Fprintf(w, "%s — %s\n", in.Name, in.Summary)
	var rows [][]string
	for _, p := range in.Params {
		rows = append(rows, []string{"  -" + p.Name, p.Help, "default " + p.Default + ", " + p.Range()})
	}
	if len(in.Networks) > 0 {
		var ns []string
		for _, n := range in.Networks {
			ns = append(ns, n.String())
		}
		rows = append(rows, []string{"  -network", strings.Join(ns, ", ")})
	}
	if len(in.Faults) > 0 {
		rows = append(rows, []string{"  -faults", strings.Join(in.Faults, ", ") + " (kind=count,...)"})
	}
	if in.Symmetry != "" {
		rows = append(rows, []string{"  -symmetry", "interchangeable " + in.Symmetry})
	}
	if in.Unit != "" {
		rows = append(rows, []string{"  unit", "messages are counted per " + in.Unit})
	}
	writeAligned(w, rows, nil)
	fmt.Fprintln(w, "  variants:")
	rows = rows[:0]
	var notes []string
	props, err := allProps(e)
	if err != nil {
		return err
	}
	for i, v := range in.VariantList() {
		c, err := in.Defaults(v.Name)
		if err != nil {
			return err
		}
		def := ""
		if i == 0 {
			def = " (default)"
		}
		expect := "must verify"
		if v.Broken() {
			expect = "must violate " + quoteAll(v.Violates)
		}
		rows = append(rows, []string{"    " + v.Name + def, expect, defaultsText(in, c)})
		notes = append(notes, "      "+v.Summary)
	}
	writeAligned(w, rows, notes)
	fmt.Fprintln(w, "  properties:")
	rows = rows[:0]
	for _, p := range props {
		rows = append(rows, []string{fmt.Sprintf("    %q", p.name), p.expect, p.where})
	}
	writeAligned(w, rows, nil)
	return nil
}

// writeAligned prints rows with their columns aligned (two spaces apart,
// no trailing space); notes[i], when given, is printed under row i.
func writeAligned(w io.Writer, rows [][]string, notes []string) {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for k, r := range rows {
		var b strings.Builder
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		if k < len(notes) {
			fmt.Fprintln(w, notes[k])
		}
	}
}

// defaultsText is what a variant runs with when no flag says otherwise.
func defaultsText(in *catalog.Info, c catalog.Config) string {
	var parts []string
	for _, a := range c.Args {
		parts = append(parts, a.Name+"="+a.Value)
	}
	if in.Networks != nil {
		parts = append(parts, "network="+c.Network, "faults="+c.Faults.String())
	}
	return strings.Join(parts, " ")
}

type listedProp struct{ name, expect, where string }

// allProps lists every property of every variant at its defaults, and the
// deadlock check where the model declares final states; where says which
// variants have it when not all do.
func allProps(e protocols.Entry) ([]listedProp, error) {
	in := e.Info()
	var out []listedProp
	has := map[string][]string{}
	vs := in.VariantList()
	for _, v := range vs {
		c, err := in.Defaults(v.Name)
		if err != nil {
			return nil, err
		}
		inst, err := e.Build(c)
		if err != nil {
			return nil, fmt.Errorf("variant %s: %v", v.Name, err)
		}
		add := func(name, expect string) {
			if _, seen := has[name]; !seen {
				out = append(out, listedProp{name: name, expect: expect})
			}
			has[name] = append(has[name], v.Name)
		}
		for _, p := range inst.Props {
			add(p.Name, p.Expect.String())
		}
		if inst.Final {
			add(explore.DeadlockProperty, "always")
		}
	}
	for i, p := range out {
		if len(has[p.name]) < len(vs) {
			out[i].where = "only " + strings.Join(has[p.name], ", ")
		}
	}
	return out, nil
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
