package invariants

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func page(t *testing.T, l Linearization, p PageInfo) string {
	t.Helper()
	var b strings.Builder
	require.NoError(t, l.WriteHTMLPage(&b, p))
	var again strings.Builder
	require.NoError(t, l.WriteHTMLPage(&again, p))
	require.Equal(t, b.String(), again.String(), "the page is deterministic")
	return b.String()
}

// requireDocument checks, without an HTML parser, that the page is still
// one HTML document with the header inside its body, before porcupine's
// view.
func requireDocument(t *testing.T, out string) (header string) {
	t.Helper()
	require.True(t, strings.HasPrefix(out, "<!doctype html>"), "starts as an HTML document")
	require.True(t, strings.HasSuffix(strings.TrimSpace(out), "</html>"), "ends the document")
	for _, tag := range []string{"<html", "<head>", "</head>", "<body>", "</body>", "</html>", "<title>", "</title>"} {
		require.Equal(t, 1, strings.Count(out, tag), "exactly one %s", tag)
	}
	body := strings.Index(out, "<body>")
	legend := strings.Index(out, `<div id="legend">`)
	require.Less(t, body, legend, "porcupine's view is still in the body")
	start := strings.Index(out, `<div id="protocheck"`)
	require.True(t, body < start && start < legend, "the header opens the body, before porcupine's view")
	header = out[start:legend]
	assert.Equal(t, strings.Count(header, "<div"), strings.Count(header, "</div>"), "the header closes its divs")
	for _, tag := range []string{"table", "ul", "p", "h1"} {
		assert.Equal(t, strings.Count(header, "<"+tag+">")+strings.Count(header, "<"+tag+" "), strings.Count(header, "</"+tag+">"), "the header closes its <%s>", tag)
	}
	return header
}

// TestHTMLPageSaysWhatItShows: protocol, parameters, property and verdict
// head the page, and the operation that cannot be linearized is marked.
func TestHTMLPageSaysWhatItShows(t *testing.T) {
	// Two clients each see their increment return 1, one after the other.
	ok, lin := Linearizable([]Op[ctrIn, int]{inc(0, 0, 1, 1), inc(1, 2, 3, 1)}, counter)
	require.False(t, ok)
	out := page(t, lin, PageInfo{Protocol: "rpc", Params: "n=1 variant=at-least-once <network>", Property: "linearizable",
		Verdict: "violated after step 8", Clients: []string{"p2(client)", "p3(client)"}})
	h := requireDocument(t, out)
	assert.Contains(t, out, "<title>protocheck: rpc: linearizable</title>")
	for _, want := range []string{
		"rpc", "n=1 variant=at-least-once &lt;network&gt;", "linearizable", "violated after step 8", "not linearizable (porcupine)",
		"The history has no linearization. The longest linearizable prefix porcupine found takes 1 of the 2 operations.",
		"It ends before op 2 (p3(client): inc() -&gt; 1), the first remaining operation to return: in the state after the prefix (1) it cannot take effect, and no other operation was called before it returned.",
		"op 1 (p2(client): inc() -&gt; 1), called at 0, returned at 1: ✓ linearized 1 of 2; the state is then 1",
		`<li style="color:#b00000;font-weight:bold">op 2 (p3(client): inc() -&gt; 1), called at 2, returned at 3: ✗ cannot take effect after the prefix</li>`,
	} {
		assert.Contains(t, h, want)
	}
	assert.NotContains(t, out, "<title>Porcupine</title>")
}

// TestHTMLPageStuckAtTheStart: an increment executed twice returns 2; no
// prefix at all is linearizable.
func TestHTMLPageStuckAtTheStart(t *testing.T) {
	ok, lin := Linearizable([]Op[ctrIn, int]{inc(0, 0, 1, 2), pendingInc(1, 2)}, counter)
	require.False(t, ok)
	h := requireDocument(t, page(t, lin, PageInfo{Protocol: "rpc", Property: "linearizable"}))
	assert.Contains(t, h, "takes 0 of the 2 operations. It ends before op 1 (client 0: inc() -&gt; 2), the first remaining operation to return: in the initial state (0) it cannot take effect")
	assert.Contains(t, h, "op 2 (client 1: inc() -&gt; ? (pending)), called at 2, no response seen: not in the prefix")
}

func TestHTMLPageLinearizable(t *testing.T) {
	ok, lin := Linearizable([]Op[ctrIn, int]{inc(0, 0, 3, 1), read(1, 1, 2, 0)}, counter)
	require.True(t, ok)
	h := requireDocument(t, page(t, lin, PageInfo{Protocol: "demo", Property: "linearizable", Verdict: "holds"}))
	assert.Contains(t, h, "linearizable (porcupine)")
	assert.NotContains(t, h, "not linearizable")
	assert.Contains(t, h, "The history is linearizable: all 2 operations take effect in the order numbered below.")
	assert.Contains(t, h, "op 2 (client 1: read() -&gt; 0), called at 1, returned at 2: ✓ linearized 1 of 2; the state is then 0")
	assert.NotContains(t, h, "✗")

	var zero Linearization
	assert.Error(t, zero.WriteHTMLPage(&strings.Builder{}, PageInfo{}))
}

// TestHTMLPageMarksEveryBlockedOperation: every operation that could come
// next and cannot is marked, not only the first to return.
func TestHTMLPageMarksEveryBlockedOperation(t *testing.T) {
	ok, lin := Linearizable([]Op[ctrIn, int]{inc(0, 0, 1, 2), read(1, 0, 5, 5), read(1, 6, 7, 0)}, counter)
	require.False(t, ok)
	h := requireDocument(t, page(t, lin, PageInfo{Protocol: "demo", Property: "linearizable"}))
	assert.Contains(t, h, "in the initial state (0) neither it nor the other operation called before it returned can take effect.")
	assert.Equal(t, 2, strings.Count(h, "✗ cannot take effect after the prefix"), "op 1 and op 2 are marked")
	assert.Contains(t, h, "<li>op 3 (client 1: read() -&gt; 0), called at 6, returned at 7: not in the prefix</li>", "op 3 could not come next: unmarked")
}
