// Command check runs protocheck's model checker on the protocols of its
// catalogue (package protocols), prints tables computed from runs, and
// replays saved counterexamples.
//
//	check list [-names] [protocol...]  protocols, parameters, variants, properties
//	check run <protocol> [flags]       explore a protocol; print a summary and a shortest counterexample
//	check replay [-q] <file.trace>     re-execute a saved trace (text or JSON) and check it still shows what it claims
//	check explore <protocol> [flags]   step through a protocol in a browser (a server on 127.0.0.1)
//	check merge [-o f] report.json...  combine the reports of a swarm's shards (check run -shard)
//	check resume [flags] DIR           continue a run checkpointed with check run -checkpoint DIR
//	check table <name> [flags]         a table computed from runs (message counts, guarantees)
//	check version                      the module version and Go version of this binary
//
// Exit codes: 0 every selected property was decided and holds over a
// complete exploration (or a replayed trace does not reproduce); 1 a
// property failed (or a replayed trace still reproduces its violation); 2
// bad usage or input; 3 the run stopped at a limit (or was interrupted)
// before the state space was exhausted, or an engine left a selected
// property undecided (the DFS and random engines do not check liveness;
// the liveness engine checks only liveness), with no violation found.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/protocheck/protocheck/explore"
)

// Exit codes (explore.Result.ExitCode).
const (
	exitOK         = explore.ExitOK
	exitViolation  = explore.ExitViolation
	exitUsage      = explore.ExitUsage
	exitIncomplete = explore.ExitIncomplete
)

// progName is the name the binary was run by, for usage and reproduce
// lines.
var progName = "check"

func main() {
	if len(os.Args) > 0 {
		progName = filepath.Base(os.Args[0])
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func usage() string {
	return fmt.Sprintf(`usage:
  %[1]s list [-names] [protocol...]  list protocols, parameters, variants and properties
  %[1]s run <protocol> [flags]       model-check one protocol (%[1]s run <protocol> -h for flags)
  %[1]s replay [-q] <file.trace>     replay a saved trace (text or JSON); exit 1 if it still fails
  %[1]s explore <protocol> [flags]   step through a protocol in a browser (%[1]s explore -h for flags)
  %[1]s merge [-o f] report.json...  combine swarm shards' reports (run -shard); exit 1 if one failed, else 3
  %[1]s resume [flags] DIR           continue a run checkpointed with run -checkpoint DIR
  %[1]s table <name> [flags]         print a table computed from runs (%[1]s table -h lists them)
  %[1]s version                      print the version

exit codes: 0 all selected properties hold (complete run), 1 a property failed,
            2 bad usage or input, 3 stopped at a limit or a property not checked
`, progName)
}

// run is the whole command, testable: it parses args (without the program
// name), writes to stdout and stderr and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitUsage
	}
	switch args[0] {
	case "list":
		return listCmd(args[1:], stdout, stderr)
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "replay":
		return replayCmd(args[1:], stdout, stderr)
	case "explore":
		return exploreCmd(args[1:], stdout, stderr)
	case "merge":
		return mergeCmd(args[1:], stdout, stderr)
	case "resume":
		return resumeCmd(args[1:], stdout, stderr)
	case "table":
		return tableCmd(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, version())
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage())
		return exitOK
	}
	fmt.Fprintf(stderr, "%s: unknown command %q\n%s", progName, args[0], usage())
	return exitUsage
}

// version reports the module version the binary was built from (as go
// install records it; "(devel)" in a work tree, with the VCS revision when
// known) and the Go version.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "protocheck (unknown version)"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
		if s.Key == "vcs.modified" && s.Value == "true" {
			v += " (modified)"
		}
	}
	return fmt.Sprintf("protocheck %s %s, built with %s", bi.Main.Path, v, bi.GoVersion)
}

// usageErr prints one line about bad usage or input and returns exitUsage.
func usageErr(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, progName+": "+format+"\n", args...)
	return exitUsage
}
