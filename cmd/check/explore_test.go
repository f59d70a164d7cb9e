package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer is a bytes.Buffer written by one goroutine, read by another.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var explorerURL = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)

// TestExploreServes starts `check explore` on a free port, reads the URL it
// prints, asks the server for the model and the check's verdicts, and
// stops it as Ctrl-C would: exit 0.
func TestExploreServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	old := baseContext
	baseContext = func() context.Context { return ctx }
	defer func() { baseContext = old }()

	var out, errs lockedBuffer
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"explore", "testcounter", "-variant", "bug", "-n", "3", "-port", "0"}, &out, &errs)
	}()
	var url string
	require.Eventually(t, func() bool { url = explorerURL.FindString(out.String()); return url != "" },
		10*time.Second, 10*time.Millisecond, "the URL is printed; stderr: %s", errs.String())
	assert.Contains(t, out.String(), "explorer for testcounter variant=bug n=3")

	resp, err := http.Get(url + "api/model")
	require.NoError(t, err)
	var m struct{ Protocol, Params string }
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&m))
	resp.Body.Close()
	assert.Equal(t, "testcounter", m.Protocol)
	assert.Equal(t, "variant=bug n=3 network=fifo faults=none", m.Params)

	var st struct{ State, Summary string }
	require.Eventually(t, func() bool {
		resp, err := http.Get(url + "api/status")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		return json.NewDecoder(resp.Body).Decode(&st) == nil && st.State == "done"
	}, 10*time.Second, 20*time.Millisecond, "the check runs in the background")
	assert.Contains(t, st.Summary, "VIOLATED: 1 of")

	cancel()
	select {
	case c := <-code:
		assert.Equal(t, exitOK, c, "stderr: %s", errs.String())
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
	assert.Contains(t, out.String(), "explorer stopped")
	_, err = http.Get(url + "api/model")
	assert.Error(t, err, "the port is closed")
}

func TestExploreUsage(t *testing.T) {
	cases := []struct {
		args []string
		err  string
	}{
		{[]string{"explore"}, "want one protocol"},
		{[]string{"explore", "nosuch"}, `unknown protocol "nosuch"`},
		{[]string{"explore", "testcounter", "-o", "x.trace"}, "-o is for check run"},
		{[]string{"explore", "testcounter", "-dot", "x.dot"}, "-dot is for check run"},
		{[]string{"explore", "testcounter", "-port", "70000"}, "-port 70000"},
		{[]string{"explore", "testcounter", "-traces", "/nonexistent/dir"}, "-traces"},
		{[]string{"explore", "testcounter", "-n", "0"}, "explore testcounter"},
	}
	for _, c := range cases {
		code, out, errs := runCLI(t, c.args...)
		assert.Equal(t, exitUsage, code, "%q: stdout %s", c.args, out)
		assert.Contains(t, errs, c.err, "%q", c.args)
	}
	code, out, _ := runCLI(t, "explore", "testcounter", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "-port")
}
