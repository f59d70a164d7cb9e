package explorer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/protocols"
)

// Limits on traces sent from the page.
const (
	maxUpload  = 16 << 20 // bytes in one trace file
	maxUploads = 32       // traces kept; the oldest is forgotten first
)

// An upload is a trace file sent from the page, kept so its URL can be
// reloaded while the server runs.
type upload struct {
	id   int
	name string
	data []byte
}

// traceView is a trace to step through: GET /api/trace/run, /file and
// /upload answer one.
type traceView struct {
	Source string                     `json:"source"` // "run", "file" or "upload"
	Name   string                     `json:"name"`   // the property (run), the file's name (file, upload)
	Trace  *counterexamples.JSONTrace `json:"trace"`  // with the states replayed
	// Verdict says what the trace shows now: the run's verdict, or what
	// replaying the file established ("reproduced: ...").
	Verdict string `json:"verdict"`
	// Explorable: the trace is of this explorer's protocol and
	// configuration, so the page can explore on from any of its states.
	Explorable bool   `json:"explorable"`
	Diagram    string `json:"diagram,omitempty"` // the sequence diagram (SVG), for actor models
}

func (s *Server) handleRunTrace(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("prop")
	s.mu.Lock()
	c := s.check
	s.mu.Unlock()
	if c == nil || !isDone(c) || c.res == nil {
		writeError(w, http.StatusNotFound, errors.New("the check has not finished: no trace yet"))
		return
	}
	pr, ok := c.res.Property(name)
	if !ok || pr.Trace == nil || len(pr.Trace.Steps) == 0 || pr.Status == explore.Unknown {
		writeError(w, http.StatusNotFound, fmt.Errorf("the check found no trace for %q", name))
		return
	}
	f := s.cfg.Run.TraceFile(c.res, &pr)
	verdict := "violated: " + pr.MessageLine()
	if pr.Status == explore.Holds {
		f.Header.Result = counterexamples.ResultWitness
		verdict = "witnessed"
	}
	jt, err := counterexamples.JSONOf(f)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	v := traceView{Source: "run", Name: name, Trace: jt, Verdict: strings.TrimSuffix(jt.Verdict+": "+verdict, ": "), Explorable: true}
	if s.actor {
		v.Diagram, _ = diagram(pr.Trace)
	}
	writeJSON(w, v)
}

// handleTraceList lists the saved traces under Config.Traces, both forms.
func (s *Server) handleTraceList(w http.ResponseWriter, _ *http.Request) {
	names := []string{}
	if s.cfg.Traces != "" {
		err := filepath.WalkDir(s.cfg.Traces, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && d.Name() == "testdata":
				return filepath.SkipDir
			case !d.IsDir() && (strings.HasSuffix(p, ".trace") || strings.HasSuffix(p, ".json")):
				rel, _ := filepath.Rel(s.cfg.Traces, p)
				names = append(names, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			writeError(w, http.StatusInternalServerError, err)
			return
		}
	}
	sort.Strings(names)
	writeJSON(w, names)
}

// handleFileTrace opens a saved trace by its name under Config.Traces; an
// os.Root keeps the name from leaving that directory.
func (s *Server) handleFileTrace(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if s.cfg.Traces == "" {
		writeError(w, http.StatusNotFound, errors.New("no directory of saved traces"))
		return
	}
	root, err := os.OpenRoot(s.cfg.Traces)
	if err != nil {
		writeError(w, http.StatusNotFound, err)
		return
	}
	defer root.Close()
	fh, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		writeError(w, http.StatusNotFound, err)
		return
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxUpload+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	s.answerTrace(w, "file", name, data)
}

// handleUpload keeps a trace file sent from the page and answers it; its
// id reopens it (GET /api/trace/upload?id=N) while the server runs.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxUpload+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	if len(data) > maxUpload {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("a trace file of more than %d bytes", maxUpload))
		return
	}
	name := r.URL.Query().Get("name")
	if _, err := counterexamples.ParseAny(bytes.NewReader(data)); err != nil {
		writeError(w, http.StatusBadRequest, fmt.Errorf("%s: %w", name, err))
		return
	}
	s.mu.Lock()
	s.nextID++
	u := &upload{id: s.nextID, name: name, data: data}
	s.uploads = append(s.uploads, u)
	if len(s.uploads) > maxUploads {
		s.uploads = s.uploads[1:]
	}
	s.mu.Unlock()
	w.Header().Set("X-Upload-Id", strconv.Itoa(u.id))
	s.answerTrace(w, "upload", strconv.Itoa(u.id), data)
}

func (s *Server) handleUploaded(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.URL.Query().Get("id"))
	s.mu.Lock()
	var u *upload
	for _, x := range s.uploads {
		if x.id == id {
			u = x
		}
	}
	s.mu.Unlock()
	if u == nil {
		writeError(w, http.StatusNotFound, fmt.Errorf("no uploaded trace %q (uploads last while the server runs)", r.URL.Query().Get("id")))
		return
	}
	s.answerTrace(w, "upload", strconv.Itoa(u.id), u.data)
}

// answerTrace parses a trace file in either form, replays it with the
// model its header names and answers what it shows.
func (s *Server) answerTrace(w http.ResponseWriter, source, name string, data []byte) {
	f, err := counterexamples.ParseAny(bytes.NewReader(data))
	if err != nil {
		writeError(w, http.StatusBadRequest, fmt.Errorf("%s: %w", name, err))
		return
	}
	v, err := s.replayTrace(f)
	if err != nil {
		writeError(w, http.StatusBadRequest, fmt.Errorf("%s: %w", name, err))
		return
	}
	v.Source, v.Name = source, name
	writeJSON(w, v)
}

// replayTrace re-executes a parsed file as `check replay` does: it builds
// the model the header names, replays the path, checks every label and
// decides whether the trace still shows what it claims.
func (s *Server) replayTrace(f *counterexamples.File) (v *traceView, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, fmt.Errorf("the model panicked during replay: %v", p)
		}
	}()
	h := &f.Header
	explorable := h.Protocol == s.cfg.Info.Name && h.Params.Config.String() == s.cfg.Instance.Config.String()
	inst := s.cfg.Instance
	if !explorable {
		e, err := protocols.Lookup(h.Protocol)
		if err != nil {
			return nil, err
		}
		if inst, err = e.Build(h.Params.Config); err != nil {
			return nil, fmt.Errorf("params %s: %w", h.Params, err)
		}
	}
	tr, err := inst.Replay(f.Trace.Path)
	if err != nil {
		return nil, fmt.Errorf("path %s does not replay: %w", counterexamples.FormatPath(f.Trace.Path), err)
	}
	if err := counterexamples.Check(f, tr); err != nil {
		return nil, err
	}
	tr.Loop = f.Trace.Loop
	verdict := "replayed"
	if h.Property != explore.PanicProperty {
		repro, why, err := inst.Reproduces(explore.Claim{Property: h.Property, Expect: h.Expect,
			Witness: h.Result == counterexamples.ResultWitness, Symmetry: h.Params.Symmetry, Stutter: h.Params.Stutter}, tr)
		if err != nil {
			return nil, err
		}
		verdict = replayVerdict(h.Result == counterexamples.ResultWitness, repro, why)
	}
	jt, err := counterexamples.JSONOf(&counterexamples.File{Header: *h, Trace: *tr})
	if err != nil {
		return nil, err
	}
	v = &traceView{Trace: jt, Verdict: jt.Verdict + " — " + verdict, Explorable: explorable}
	if s.actorTrace(h.Protocol) {
		v.Diagram, _ = diagram(tr)
	}
	return v, nil
}

func replayVerdict(witness, repro bool, why string) string {
	switch {
	case witness && repro:
		return "witness reproduces: " + why
	case witness:
		return "witness no longer reproduces: " + why
	case repro:
		return "reproduced: " + why
	}
	return "does not reproduce: " + why
}

// actorTrace reports whether the named protocol is an actor system.
func (s *Server) actorTrace(protocol string) bool {
	if protocol == s.cfg.Info.Name {
		return s.actor
	}
	e, err := protocols.Lookup(protocol)
	return err == nil && len(e.Info().Networks) > 0
}
