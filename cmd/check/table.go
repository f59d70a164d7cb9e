package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/protocheck/protocheck/protocols"
)

// tableCmd is `check table <name> [-json] [-workers N] [-mem SIZE]
// [-max-states N] [-<option> value ...]`: it computes a table from real
// runs of the checker and prints it (or one JSON object). Options other
// than the engine limits are the table's own (see check table -h).
func tableCmd(args []string, stdout, stderr io.Writer) int {
	tables := protocols.Tables()
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" {
		fmt.Fprintf(stdout, "usage: %s table <name> [-json] [-workers N] [-mem SIZE] [-max-states N] [-<option> value ...]\n\ntables:\n", progName)
		for _, t := range tables {
			fmt.Fprintf(stdout, "  %-12s %s\n", t.Name, t.Summary)
		}
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	var table *protocols.NamedTable
	for i := range tables {
		if tables[i].Name == args[0] {
			table = &tables[i]
		}
	}
	if table == nil {
		var names []string
		for _, t := range tables {
			names = append(names, t.Name)
		}
		return usageErr(stderr, "table: unknown table %q (known: %s)", args[0], strings.Join(names, ", "))
	}
	r := &protocols.Runner{TableArgs: map[string]string{}}
	asJSON := false
	var f runFlags
	f.set = map[string]bool{}
	f.engine, f.maxStates, f.expect, f.mem = "bfs", "0", "0", "0"
	for rest := args[1:]; len(rest) > 0; {
		name := strings.TrimLeft(rest[0], "-")
		if !strings.HasPrefix(rest[0], "-") || name == "" {
			return usageErr(stderr, "table %s: unexpected argument %q", table.Name, rest[0])
		}
		if name == "json" {
			asJSON, rest = true, rest[1:]
			continue
		}
		if len(rest) < 2 {
			return usageErr(stderr, "table %s: -%s needs a value", table.Name, name)
		}
		val := rest[1]
		rest = rest[2:]
		switch name {
		case "workers":
			if _, err := fmt.Sscan(val, &f.workers); err != nil {
				return usageErr(stderr, "table %s: -workers %q: not a number", table.Name, val)
			}
		case "mem":
			f.mem = val
		case "max-states":
			f.maxStates = val
		default:
			r.TableArgs[name] = val
		}
	}
	opts, err := f.options()
	if err != nil {
		return usageErr(stderr, "table %s: %v", table.Name, err)
	}
	r.Opts = opts
	data, err := table.Compute(r)
	if err != nil {
		return usageErr(stderr, "table %s: %v", table.Name, err)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(data); err != nil {
			return usageErr(stderr, "table %s: %v", table.Name, err)
		}
		return exitOK
	}
	if err := data.Write(stdout); err != nil {
		return usageErr(stderr, "table %s: %v", table.Name, err)
	}
	return exitOK
}
