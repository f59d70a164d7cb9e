// Command check runs protocheck's model checker on the protocols in its
// catalogue, and replays saved counterexamples.
//
//	check list [-names]                the protocols, their parameters and properties
//	check run <protocol> [flags]       explore a protocol; print a summary and a shortest counterexample
//	check replay <file.trace>          re-execute a saved trace and check it still fails
//
// Exit codes: 0 every property holds over a complete exploration (or a
// replayed trace no longer fails); 1 a property failed (or a replayed
// trace still reproduces its violation); 2 bad usage or input; 3 the run
// stopped at a limit (or was interrupted) before the state space was
// exhausted, with no violation found.
//
// Each protocol registers itself from its own file, spec_<name>.go, with
// register (see registry.go).
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK         = 0 // every property holds over a complete exploration
	exitViolation  = 1 // a property failed
	exitUsage      = 2 // bad usage or input
	exitIncomplete = 3 // stopped at a limit before the space was exhausted
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `usage:
  check list [-names]              list protocols, parameters, variants and properties
  check run <protocol> [flags]     model-check one protocol (check run -h for flags)
  check replay [-q] <file.trace>   replay a saved trace; exit 1 if it still fails

exit codes: 0 all properties hold (complete run), 1 a property failed,
            2 bad usage or input, 3 stopped at a limit with no violation
`

// run is the whole command, testable: it parses args (without the program
// name), writes to stdout and stderr and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "list":
		return listCmd(args[1:], stdout, stderr)
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "replay":
		return replayCmd(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "check: unknown command %q\n%s", args[0], usage)
	return exitUsage
}

// usageErr prints one line about bad usage or input and returns exitUsage.
func usageErr(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "check: "+format+"\n", args...)
	return exitUsage
}
