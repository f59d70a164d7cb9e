package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explorer"
	"github.com/protocheck/protocheck/protocols"
)

// defaultTraces is the directory of saved traces the explorer offers,
// when it exists.
const defaultTraces = "counterexamples"

// exploreCmd is `check explore <protocol> [flags]`: the flags of `check
// run` (the protocol's parameters, -variant, -faults, the engine and its
// limits for the background check) and -port and -traces. It serves the
// explorer on 127.0.0.1 until interrupted, and exits 0 then.
func exploreCmd(args []string, stdout, stderr io.Writer) int {
	var f runFlags
	name := findProtocol(args)
	var info *catalog.Info
	if name != "" {
		e, err := protocols.Lookup(name)
		if err != nil {
			return usageErr(stderr, "explore: %v (see %s list)", err, progName)
		}
		info = e.Info()
	}
	fs := newRunFlagSet(&f, info)
	port := fs.Int("port", 0, "port to serve on, on 127.0.0.1 (0: a free one)")
	traces := fs.String("traces", "", "directory of saved traces the page can open (default: ./"+defaultTraces+" when it exists)")
	if info == nil && !slices.ContainsFunc(args, isHelp) {
		return usageErr(stderr, "explore: want one protocol (see %s list)", progName)
	}
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fmt.Fprintf(stdout, "usage: %s explore <protocol> [flags]  (a browser explorer on 127.0.0.1; the flags of run, plus -port and -traces)\n", progName)
		fs.PrintDefaults()
		return exitOK
	}
	if err != nil {
		return usageErr(stderr, "explore: %v (see %s explore -h)", err, progName)
	}
	if len(pos) != 1 || info == nil {
		return usageErr(stderr, "explore: want one protocol, got %d arguments %q (see %s list)", len(pos), pos, progName)
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	for _, o := range []string{"o", "viz", "mermaid", "dot", "json"} {
		if f.set[o] {
			return usageErr(stderr, "explore: -%s is for %s run", o, progName)
		}
	}
	if *port < 0 || *port > 65535 {
		return usageErr(stderr, "explore: -port %d: want 0..65535", *port)
	}
	dir, err := tracesDir(*traces, f.set["traces"])
	if err != nil {
		return usageErr(stderr, "explore: -traces: %v", err)
	}
	j, err := newJob(info, f)
	if err != nil {
		return usageErr(stderr, "explore %s: %v", info.Name, err)
	}
	return serveExplorer(j, *port, dir, stdout, stderr)
}

// tracesDir resolves -traces: the directory given, which must exist, or
// counterexamples/ when it exists.
func tracesDir(dir string, given bool) (string, error) {
	if !given {
		dir = defaultTraces
	}
	st, err := os.Stat(dir)
	switch {
	case err != nil && !given:
		return "", nil
	case err != nil:
		return "", err
	case !st.IsDir():
		return "", fmt.Errorf("%s is not a directory", dir)
	}
	return dir, nil
}

// serveExplorer listens on 127.0.0.1:port, prints the URL, runs the check
// in the background and serves until interrupted.
func serveExplorer(j *job, port int, traces string, stdout, stderr io.Writer) int {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return usageErr(stderr, "explore: %v", err)
	}
	ctx, stop := signal.NotifyContext(baseContext(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := explorer.New(explorer.Config{Info: j.info, Instance: j.inst, Run: j.run(), Props: j.props, Traces: traces})
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	srv.StartCheck(ctx)
	fmt.Fprintf(stdout, "explorer for %s %s: http://%s/\n(the check runs in the background; Ctrl-C stops the server)\n",
		j.info.Name, j.cfg, ln.Addr())

	select {
	case <-ctx.Done():
	case err = <-served:
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = hs.Shutdown(shutdown) // NB: stragglers are cut off after 5s; nothing is lost, the server holds no data
	srv.Close()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "%s: explore: %v\n", progName, err)
		return exitUsage
	}
	fmt.Fprintln(stdout, "explorer stopped")
	return exitOK
}
