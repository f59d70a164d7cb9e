package explorer

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/protocols"
)

// savedTraces is the project's directory of saved traces.
const savedTraces = "../counterexamples"

// newTestServer serves an explorer of protocol at the given parameters on
// a loopback httptest server, closed (with the check) when the test ends.
func newTestServer(t *testing.T, protocol string, params map[string]string, variant string) (*Server, *httptest.Server) {
	t.Helper()
	e, err := protocols.Lookup(protocol)
	require.NoError(t, err)
	info := e.Info()
	cfg, err := info.Resolve(catalog.Request{Variant: variant, Params: params})
	require.NoError(t, err)
	inst, err := e.Build(cfg)
	require.NoError(t, err)
	return serve(t, info, inst)
}

func serve(t *testing.T, info *catalog.Info, inst *protocols.Instance) (*Server, *httptest.Server) {
	t.Helper()
	srv := New(Config{Info: info, Instance: inst, Traces: savedTraces,
		Run: &protocols.Run{Info: info, Config: inst.Config, Engine: "bfs", Opts: explore.Options{Workers: 1}, Prog: "check"}})
	ts := httptest.NewServer(srv) // binds 127.0.0.1
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return srv, ts
}

// get fetches url and decodes its JSON answer into v; it returns the
// status code.
func get(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if v != nil {
		require.NoError(t, json.Unmarshal(data, v), "%s answered %s", url, data)
	}
	return resp.StatusCode
}

func waitCheck(t *testing.T, srv *Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := srv.WaitCheck(ctx)
	require.NoError(t, err)
}

func TestStaticFilesAreEmbeddedAndSelfContained(t *testing.T) {
	_, ts := newTestServer(t, "twopc", map[string]string{"n": "1"}, "")
	for _, name := range []string{"/", "/app.js", "/style.css"} {
		resp, err := http.Get(ts.URL + name)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, name)
		assert.NotContains(t, string(body), "https://", "%s fetches nothing from elsewhere", name)
		assert.NotContains(t, string(body), "http://", name)
	}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if !d.IsDir() {
			data, _ := static.ReadFile(p)
			assert.NotRegexp(t, `(?i)<script[^>]+src="(https?:)?//`, string(data), p)
		}
		return nil
	})
	require.NoError(t, err)
}

func TestModelAndStatus(t *testing.T) {
	srv, ts := newTestServer(t, "twopc", map[string]string{"n": "1"}, "ready-aborts")
	var m modelView
	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/model", &m))
	assert.Equal(t, "twopc", m.Protocol)
	assert.True(t, m.Actor)
	assert.Equal(t, "variant=ready-aborts n=1 network=unordered faults=drop=1,crash=1", m.Params)
	assert.Contains(t, m.Props, propInfo{"atomicity", "always"})

	var st statusView
	get(t, ts.URL+"/api/status", &st)
	assert.Equal(t, checkIdle, st.State, "no verdict before a check")
	assert.NotContains(t, st.Summary, "verified")

	srv.StartCheck(context.Background())
	waitCheck(t, srv)
	get(t, ts.URL+"/api/status", &st)
	assert.Equal(t, checkDone, st.State)
	assert.True(t, st.Complete)
	assert.True(t, strings.HasPrefix(st.Summary, "VIOLATED: "), st.Summary)
	var atomicity *propStatus
	for i := range st.Props {
		if st.Props[i].Name == "atomicity" {
			atomicity = &st.Props[i]
		}
	}
	require.NotNil(t, atomicity)
	assert.Equal(t, "violated", atomicity.Status)
	assert.Equal(t, "counterexample", atomicity.Trace)
	assert.Positive(t, atomicity.TraceLen)
}

func TestStateOnDemand(t *testing.T) {
	_, ts := newTestServer(t, "twopc", map[string]string{"n": "1"}, "")
	var v stateView
	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/state?path=", &v))
	assert.Empty(t, v.Steps)
	require.Len(t, v.Next, 1, "twopc has one initial state")
	assert.Contains(t, v.Next[0].Changed, counterexamples.JSONField{Name: "p0(coordinator)", Value: "WAIT timers=vote"})

	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/state?path=0/0", &v))
	require.Len(t, v.Steps, 2)
	assert.Equal(t, "deliver p0->p1 Prepare [vote yes]", v.Steps[1].Action)
	assert.Contains(t, v.Steps[1].State, counterexamples.JSONField{Name: "p1(participant)", Value: "READY vote=yes timers=ask", Changed: true})
	assert.Contains(t, v.Steps[1].State, counterexamples.JSONField{Name: "p0(coordinator)", Value: "WAIT timers=vote"}, "unchanged: not marked")
	require.NotEmpty(t, v.Next)
	for i, n := range v.Next {
		assert.Equal(t, i, n.Index)
	}
	assert.Contains(t, v.Diagram, "<text x=")
	assert.Contains(t, v.Diagram, ">1. Prepare [vote yes]</text>", "the diagram names the message")

	// The server replays the path: the same step from the model itself.
	e, _ := protocols.Lookup("twopc")
	inst, _ := e.Build(mustResolve(t, e, map[string]string{"n": "1"}))
	pos, err := inst.At([]int{0, 0})
	require.NoError(t, err)
	require.Len(t, v.Next, len(pos.Next))
	for i, n := range pos.Next {
		assert.Equal(t, n.Action, v.Next[i].Action)
	}

	var bad apiError
	assert.Equal(t, http.StatusNotFound, get(t, ts.URL+"/api/state?path=0/99", &bad))
	assert.Contains(t, bad.Error, "index 99")
	assert.Equal(t, http.StatusBadRequest, get(t, ts.URL+"/api/state?path=0/x", &bad))
	assert.Contains(t, bad.Error, `"x"`)
}

func mustResolve(t *testing.T, e protocols.Entry, params map[string]string) catalog.Config {
	t.Helper()
	c, err := e.Info().Resolve(catalog.Request{Params: params})
	require.NoError(t, err)
	return c
}

func TestSelfLoopsAndNoDiagram(t *testing.T) {
	inst := noteInstance(t)
	_, ts := serve(t, &catalog.Info{Name: "note", Summary: "test only"}, inst)
	var v stateView
	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/state?path=0", &v))
	require.Len(t, v.Next, 2)
	assert.False(t, v.Next[0].Self)
	assert.True(t, v.Next[1].Self, `"keep" leads back to the same state`)
	assert.Empty(t, v.Next[1].Changed, "a self-loop changes nothing")
	assert.Empty(t, v.Diagram, "not an actor model: no sequence diagram")

	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/state?path=0/0/0", &v))
	assert.Equal(t, []string{"short"}, v.Next[0].Violates, "the next append breaks the property")
}

func TestRunTraces(t *testing.T) {
	srv, ts := newTestServer(t, "twopc", map[string]string{"n": "1"}, "coordinator-never-recovers")
	var bad apiError
	assert.Equal(t, http.StatusNotFound, get(t, ts.URL+"/api/trace/run?prop=atomicity", &bad), "no trace before the check ends")
	srv.StartCheck(context.Background())
	waitCheck(t, srv)

	var tv traceView
	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/trace/run?prop=every+participant+eventually+decides", &tv))
	assert.Equal(t, "run", tv.Source)
	assert.True(t, tv.Explorable)
	assert.GreaterOrEqual(t, tv.Trace.Loop, 0, "a lasso")
	assert.Contains(t, tv.Verdict, "violated by a loop from step")
	assert.Contains(t, tv.Diagram, `class="loop-label"`, "the loop is marked in the diagram")
	assert.Len(t, tv.Trace.Steps, len(tv.Trace.Path))

	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/trace/run?prop=commit+reachable", &tv))
	assert.Equal(t, counterexamples.ResultWitness, tv.Trace.Result)
	assert.Equal(t, http.StatusNotFound, get(t, ts.URL+"/api/trace/run?prop=atomicity", &bad), "a property that holds has no trace")
}

func TestSavedTraces(t *testing.T) {
	_, ts := newTestServer(t, "twopc", map[string]string{"n": "2"}, "ready-aborts")
	var names []string
	get(t, ts.URL+"/api/traces", &names)
	assert.Contains(t, names, "twopc/atomicity-ready-aborts.trace")

	var tv traceView
	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/trace/file?name=twopc/atomicity-ready-aborts.trace", &tv))
	assert.True(t, tv.Explorable, "the file is of this configuration")
	assert.Contains(t, tv.Verdict, "reproduced")
	assert.NotEmpty(t, tv.Trace.Steps[1].State, "the states come from the replay")

	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/trace/file?name=twopc/every-participant-eventually-decides-coordinator-never-recovers.trace", &tv))
	assert.False(t, tv.Explorable, "another variant: replayed with its own model")
	assert.GreaterOrEqual(t, tv.Trace.Loop, 0)

	var bad apiError
	assert.Equal(t, http.StatusNotFound, get(t, ts.URL+"/api/trace/file?name=../go.mod", &bad), "nothing outside the directory")
	assert.Equal(t, http.StatusNotFound, get(t, ts.URL+"/api/trace/file?name=nosuch.trace", &bad))
}

func TestUploads(t *testing.T) {
	_, ts := newTestServer(t, "twopc", map[string]string{"n": "2"}, "ready-aborts")
	f, err := counterexamples.Load(savedTraces + "/twopc/atomicity-recover-commits.trace")
	require.NoError(t, err)
	text, err := os.ReadFile(savedTraces + "/twopc/atomicity-recover-commits.trace")
	require.NoError(t, err)

	resp, err := http.Post(ts.URL+"/api/trace/upload?name=x.trace", "text/plain", strings.NewReader(string(text)))
	require.NoError(t, err)
	var tv traceView
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&tv))
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	id := resp.Header.Get("X-Upload-Id")
	require.NotEmpty(t, id)
	assert.Equal(t, f.Trace.Path, tv.Trace.Path)
	assert.Contains(t, tv.Verdict, "reproduced")

	var again traceView
	require.Equal(t, http.StatusOK, get(t, ts.URL+"/api/trace/upload?id="+id, &again))
	assert.Equal(t, tv.Trace, again.Trace, "an upload reopens by its id")

	// The JSON form of the same trace answers the same.
	data, err := json.Marshal(tv.Trace)
	require.NoError(t, err)
	resp, err = http.Post(ts.URL+"/api/trace/upload?name=x.json", "application/json", strings.NewReader(string(data)))
	require.NoError(t, err)
	var fromJSON traceView
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&fromJSON))
	resp.Body.Close()
	assert.Equal(t, tv.Verdict, fromJSON.Verdict)

	resp, err = http.Post(ts.URL+"/api/trace/upload?name=bad", "text/plain", strings.NewReader("not a trace"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
}

func TestOnlyLoopbackHosts(t *testing.T) {
	_, ts := newTestServer(t, "twopc", map[string]string{"n": "1"}, "")
	req, err := http.NewRequest("GET", ts.URL+"/api/model", nil)
	require.NoError(t, err)
	req.Host = "attacker.example:80"
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	assert.True(t, loopbackHost("localhost:1"))
	assert.True(t, loopbackHost("[::1]:8080"))
	assert.False(t, loopbackHost("10.0.0.1:80"))
}
