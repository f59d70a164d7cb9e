package explorer

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/protocols"
)

//go:embed static
var static embed.FS

// A Config says what a Server explores.
type Config struct {
	Info     *catalog.Info       // the protocol's self-description
	Instance *protocols.Instance // the configuration, built
	// Run says how the background check runs (engine, limits, symmetry)
	// and heads the traces it finds. Run.Opts.Context and Progress are
	// the server's own.
	Run *protocols.Run
	// Props are the properties the check decides (check run's -props);
	// nil: all.
	Props []string
	// Traces is the directory of saved traces (counterexamples/) the page
	// can open by name; "" for none.
	Traces string
	_      struct{} // forbids positional literals
}

// A Server serves the explorer: the embedded page (static/) and its JSON
// API. States are computed on demand, one request per click, by replaying
// the index path in the URL; the check of every property runs in the
// background. A Server is an http.Handler.
type Server struct {
	cfg   Config
	mux   *http.ServeMux
	actor bool // the model is an actor system: paths have sequence diagrams

	mu      sync.Mutex
	check   *checkRun
	uploads []*upload // traces sent from the page, newest last (at most maxUploads)
	nextID  int
}

// A checkRun is one background check.
type checkRun struct {
	cancel   context.CancelFunc
	done     chan struct{}
	started  time.Time
	progress explore.Progress
	res      *explore.Result
	err      error
}

// New returns a server for cfg. Call StartCheck to run the check, and
// Close to stop it.
func New(cfg Config) *Server {
	s := &Server{cfg: cfg, mux: http.NewServeMux(), actor: len(cfg.Info.Networks) > 0}
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic("explorer: the embedded static files are missing: " + err.Error())
	}
	s.mux.Handle("GET /", http.FileServerFS(sub))
	s.mux.HandleFunc("GET /api/model", s.handleModel)
	s.mux.HandleFunc("GET /api/status", s.handleStatus)
	s.mux.HandleFunc("POST /api/check", s.handleStartCheck)
	s.mux.HandleFunc("POST /api/check/stop", s.handleStopCheck)
	s.mux.HandleFunc("GET /api/state", s.handleState)
	s.mux.HandleFunc("GET /api/traces", s.handleTraceList)
	s.mux.HandleFunc("GET /api/trace/run", s.handleRunTrace)
	s.mux.HandleFunc("GET /api/trace/file", s.handleFileTrace)
	s.mux.HandleFunc("POST /api/trace/upload", s.handleUpload)
	s.mux.HandleFunc("GET /api/trace/upload", s.handleUploaded)
	return s
}

// ServeHTTP implements http.Handler. It answers only requests addressed to
// a loopback host, so a page elsewhere cannot reach the server through a
// name that resolves to 127.0.0.1 (DNS rebinding).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !loopbackHost(r.Host) {
		http.Error(w, "explorer: only loopback hosts are served", http.StatusForbidden)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names this machine's
// loopback interface.
func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// StartCheck runs the check in the background, unless one is running. It
// stops when ctx is cancelled, at the run's limits, or on Close.
func (s *Server) StartCheck(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.check != nil && !isDone(s.check) {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	c := &checkRun{cancel: cancel, done: make(chan struct{}), started: time.Now()}
	s.check = c
	opts := s.cfg.Run.Opts
	opts.Context = ctx
	opts.Progress = func(p explore.Progress) {
		s.mu.Lock()
		c.progress = p
		s.mu.Unlock()
	}
	go func() {
		defer close(c.done)
		defer cancel()
		res, err := s.cfg.Instance.Check(s.cfg.Run.Engine, opts, s.cfg.Props)
		if err == nil && ctx.Err() != nil && res.StopReason == "" && !res.Complete {
			res.StopReason = "stopped"
		}
		s.mu.Lock()
		c.res, c.err = res, err
		s.mu.Unlock()
	}()
}

// WaitCheck waits until the background check ends (or ctx does) and
// returns its result.
func (s *Server) WaitCheck(ctx context.Context) (*explore.Result, error) {
	s.mu.Lock()
	c := s.check
	s.mu.Unlock()
	if c == nil {
		return nil, errors.New("explorer: no check started")
	}
	select {
	case <-c.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return c.res, c.err
}

// Close stops the background check and waits for it.
func (s *Server) Close() {
	s.mu.Lock()
	c := s.check
	s.mu.Unlock()
	if c != nil {
		c.cancel()
		<-c.done
	}
}

func isDone(c *checkRun) bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// modelView is GET /api/model.
type modelView struct {
	Protocol string     `json:"protocol"`
	Summary  string     `json:"summary"`
	Params   string     `json:"params"` // as a trace header's params line
	Engine   string     `json:"engine"`
	Actor    bool       `json:"actor"` // paths have sequence diagrams
	Props    []propInfo `json:"props"`
	Traces   bool       `json:"traces"` // saved traces can be opened by name
}

type propInfo struct {
	Name   string `json:"name"`
	Expect string `json:"expectation"`
}

func (s *Server) handleModel(w http.ResponseWriter, _ *http.Request) {
	v := modelView{Protocol: s.cfg.Info.Name, Summary: s.cfg.Info.Summary, Engine: s.cfg.Run.Engine,
		Params: s.cfg.Instance.Config.String(), Actor: s.actor, Traces: s.cfg.Traces != "", Props: []propInfo{}}
	for _, p := range s.cfg.Instance.Props {
		v.Props = append(v.Props, propInfo{p.Name, p.Expect.String()})
	}
	writeJSON(w, v)
}

func (s *Server) handleStartCheck(w http.ResponseWriter, _ *http.Request) {
	s.StartCheck(context.Background())
	s.handleStatus(w, nil)
}

func (s *Server) handleStopCheck(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	if s.check != nil {
		s.check.cancel()
	}
	s.mu.Unlock()
	s.handleStatus(w, nil)
}

// apiError is the body of every error answer.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // NB: the client has gone if this fails; nothing to tell it
}

func writeError(w http.ResponseWriter, code int, err error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(apiError{Error: strings.TrimSpace(err.Error())})
}
