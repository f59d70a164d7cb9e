// Package browsertest is the end-to-end test of the explorer in a real
// browser: Debian's chromium, driven by chromedp. It is a Go module of its
// own so that chromedp is no dependency of the CLI (go install stays
// light); make test installs chromium when it is missing and runs it:
//
//	cd explorer/browsertest && go test -run TestBrowser -artifacts -outputdir ../../test-output .
//
// The screenshots go to the test's artifact directory (printed).
package browsertest

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/counterexamples"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/explorer"
	"github.com/protocheck/protocheck/protocols"
)

// findChromium returns the browser to drive, or skips the test saying why.
func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("SKIPPED: no chromium on this machine (make test installs it with apt-get); the browser test did not run")
	return ""
}

// page drives one browser tab.
type page struct {
	t   *testing.T
	ctx context.Context
	dir string // where screenshots go
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	require.NoError(p.t, chromedp.Do(p.ctx, actions...))
}

func eval[T any](p *page, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	require.NoError(p.t, err, js)
	return v
}

// waitFor waits until the page has rendered the view at hash (app.js
// marks the body when a view is done). It asks every 50ms: while a new
// document loads, a question may find no page to ask, and is asked again.
func (p *page) waitFor(hash string) {
	p.t.Helper()
	js := fmt.Sprintf("document.body && document.body.dataset.ready === %q", hash)
	var last error
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](js))
		if last = err; err == nil && ok {
			require.Equal(p.t, "", eval[string](p, `document.getElementById("error").textContent`), "no error on the page")
			return
		}
	}
	p.t.Fatalf("the page did not render %s (last error: %v); it shows %q", hash, last, eval[string](p, "document.body.dataset.ready || ''"))
}

func (p *page) texts(css string) []string {
	p.t.Helper()
	return eval[[]string](p, fmt.Sprintf(`[...document.querySelectorAll(%q)].map(e => e.textContent)`, css))
}

// readmeScreenshot is where the README's picture of the explorer is
// refreshed from (in this directory): go test -run TestBrowser . -readme-screenshot ../testdata/explorer.png
var readmeScreenshot = flag.String("readme-screenshot", "", "also write the counterexample's screenshot to this file (the README's picture)")

func (p *page) screenshot(name string) []byte {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	require.NoError(p.t, err)
	file := filepath.Join(p.dir, name)
	require.NoError(p.t, os.WriteFile(file, png, 0o644))
	p.t.Logf("screenshot: %s", file)
	return png
}

// TestBrowser opens the explorer for twopc (the variant whose coordinator
// never recovers: its counterexample is a lasso) and uses it as a person
// would.
func TestBrowser(t *testing.T) {
	exe := findChromium(t)
	srv, inst, ts := newTestServer(t, "twopc", nil, "coordinator-never-recovers")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv.StartCheck(ctx)

	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]), chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.WindowSize(1500, 1000), chromedp.Flag("disable-gpu", true))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()
	if err := chromedp.Do(bctx); err != nil {
		t.Skipf("SKIPPED: chromium (%s) cannot be started: %v; the browser test did not run", exe, err)
	}
	p := &page{t: t, ctx: bctx, dir: t.ArtifactDir()}

	// The initial state.
	p.do(chromedp.Navigate(ts.URL + "/#/path"))
	p.waitFor("#/path")
	assert.Equal(t, []string{"1initial state 0p0(coordinator)=WAIT timers=vote  p1(participant)=INIT timers=vote  p2(participant)=INIT timers=vote  net=[p0->p1 Prepare, p0->p2 Prepare]"},
		p.texts("#next li"), "one initial state, printed as in traces")
	p.do(chromedp.Click(chromedp.CSS("#next li a")))
	p.waitFor("#/path/0")
	assert.Contains(t, p.texts("#state .field"), "p0(coordinator)=WAIT timers=vote")
	assert.Empty(t, p.texts("#state .field.changed"), "nothing changed in the initial state")

	// Two steps: the first enabled one, then the coordinator receiving p1's vote.
	pos, err := inst.At([]int{0, 0})
	require.NoError(t, err)
	vote := slices.IndexFunc(pos.Next, func(s protocols.Successor) bool { return s.Action == "deliver p1->p0 VoteYes" })
	require.GreaterOrEqual(t, vote, 0)
	p.do(chromedp.Click(chromedp.CSS(`#next li[data-index="0"] a`)))
	p.waitFor("#/path/0/0")
	p.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#next li[data-index="%d"] a`, vote))))
	deep := fmt.Sprintf("#/path/0/0/%d", vote)
	p.waitFor(deep)
	loc, err := chromedp.Run(p.ctx, chromedp.Location())
	require.NoError(t, err)
	assert.Equal(t, ts.URL+"/"+deep, loc, "the path is in the URL")
	assert.Equal(t, "0/0/"+fmt.Sprint(vote), p.texts("#path-text")[0])

	// The state and what changed, as the model says.
	tr, err := inst.Replay([]int{0, 0, vote})
	require.NoError(t, err)
	want := counterexamples.StepView("", tr.Steps[1].State, tr.Steps[2].State, true)
	var wantAll, wantChanged []string
	for _, f := range want.State {
		wantAll = append(wantAll, f.Line())
		if f.Changed {
			wantChanged = append(wantChanged, f.Line())
		}
	}
	assert.Equal(t, wantAll, p.texts("#state .field"))
	assert.Equal(t, wantChanged, p.texts("#state .field.changed"), "the change is highlighted")
	assert.Contains(t, wantChanged, "p0(coordinator)=WAIT votes={p1} timers=vote")
	state := p.texts("#state")[0]

	// The sequence diagram names the messages in its SVG.
	svgTexts := p.texts("#diagram svg text")
	assert.Contains(t, svgTexts, "1. Prepare [vote yes]")
	assert.Contains(t, svgTexts, "2. VoteYes")
	assert.Contains(t, svgTexts, "p0(coordinator)")
	p.screenshot("1-two-steps.png")

	// Back through the browser's history.
	p.do(chromedp.NavigateBack())
	p.waitFor("#/path/0/0")
	assert.Contains(t, p.texts("#state .field.changed"), "p1(participant)=READY vote=yes timers=ask")

	// A deep link, loaded afresh (another query: a new document) and
	// reloaded, shows the same state.
	p.do(chromedp.Navigate(ts.URL + "/?fresh" + deep))
	p.waitFor(deep)
	assert.Equal(t, state, p.texts("#state")[0])
	p.do(chromedp.Reload())
	p.waitFor(deep)
	assert.Equal(t, state, p.texts("#state")[0])
	assert.Equal(t, wantChanged, p.texts("#state .field.changed"))

	// The keyboard: "1" takes the first step.
	p.do(chromedp.KeyEvent("1"))
	p.waitFor(deep + "/0")

	// The check's counterexample: a lasso, opened from the status panel.
	const prop = "every participant eventually decides"
	_, err = chromedp.Run(p.ctx, chromedp.Poll[bool](`document.querySelector("#props a.trace-link") !== null && document.getElementById("summary").textContent.startsWith("VIOLATED")`,
		chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "the status panel shows the verdicts: %q", p.texts("#summary"))
	p.screenshot("2-status.png")
	p.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#props tr[data-prop=%q] a.trace-link`, prop))))
	traceHash := "#/trace/run/" + strings.ReplaceAll(url.PathEscape(prop), "+", "%20") + "/0"
	p.waitFor(traceHash)
	assert.Contains(t, p.texts("#trace-title")[0], `Counterexample to "`+prop+`" (eventually)`)
	assert.Contains(t, p.texts("#trace-verdict")[0], "violated by a loop from step")
	markers := p.texts("#steps li.loop-marker")
	require.Len(t, markers, 2, "the loop is marked in the step list")
	assert.Equal(t, "-- loop starts here --", markers[0])
	assert.Contains(t, p.texts("#diagram svg text.loop-label")[0], "loop forever")

	// Step through it with the keyboard, to its last step.
	p.do(chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	p.waitFor(strings.TrimSuffix(traceHash, "0") + "2")
	assert.Equal(t, "step 2 of "+fmt.Sprint(len(p.texts("#steps li:not(.loop-marker)"))-1), p.texts("#trace-pos")[0])
	if png := p.screenshot("3-counterexample.png"); *readmeScreenshot != "" {
		require.NoError(t, os.WriteFile(*readmeScreenshot, png, 0o644))
	}

	// A saved trace, opened by name.
	p.do(chromedp.Navigate(ts.URL + "/?saved#/trace/file/" + url.PathEscape("twopc/atomicity-ready-aborts.trace") + "/5"))
	p.waitFor("#/trace/file/" + url.PathEscape("twopc/atomicity-ready-aborts.trace") + "/5")
	assert.Contains(t, p.texts("#trace-verdict")[0], "reproduced")
	assert.Contains(t, p.texts("#flags")[0], `violated after step 5: "atomicity"`)
	p.screenshot("4-saved-trace.png")
}

// savedTraces is the project's counterexamples directory.
const savedTraces = "../../counterexamples"

// newTestServer starts the explorer for one configuration of a protocol
// on a loopback test server, closed when the test ends.
func newTestServer(t *testing.T, protocol string, params map[string]string, variant string) (*explorer.Server, *protocols.Instance, *httptest.Server) {
	t.Helper()
	e, err := protocols.Lookup(protocol)
	require.NoError(t, err)
	info := e.Info()
	cfg, err := info.Resolve(catalog.Request{Variant: variant, Params: params})
	require.NoError(t, err)
	inst, err := e.Build(cfg)
	require.NoError(t, err)
	srv := explorer.New(explorer.Config{Info: info, Instance: inst, Traces: savedTraces,
		Run: &protocols.Run{Info: info, Config: inst.Config, Engine: "bfs", Opts: explore.Options{Workers: 1}, Prog: "check"}})
	ts := httptest.NewServer(srv) // binds 127.0.0.1
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return srv, inst, ts
}
