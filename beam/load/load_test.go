package load

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/protocols"
)

// A partial line is completed from the variant's defaults; the complete
// line builds the same model as the catalogue does.
func TestCanonicalCompletesTheLine(t *testing.T) {
	line, err := Canonical("twopc", "variant=ready-aborts n=2")
	require.NoError(t, err)
	assert.Contains(t, line, "variant=ready-aborts n=2 ")
	assert.Contains(t, line, "faults=", "the variant's own faults are written out")
	again, err := Canonical("twopc", line)
	require.NoError(t, err)
	assert.Equal(t, line, again, "a complete line is a fixed point")

	none, err := Canonical("twopc", line[:strings.Index(line, "faults=")]+"faults=none")
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(none, "faults=none"), "faults given are kept: %s", none)

	m, c, err := Build("twopc", line)
	require.NoError(t, err)
	require.NotNil(t, c)
	res, err := explore.BFS(m, explore.Options{})
	require.NoError(t, err)
	p, ok := res.Property("atomicity")
	require.True(t, ok)
	assert.Equal(t, explore.Violated, p.Status, "the variant's own bug is in the model built")

	_, err = Canonical("twopc", "n=99")
	assert.Error(t, err, "out of range")
	_, err = Canonical("nosuch", "")
	assert.Error(t, err)
	_, _, err = Build("twopc", "variant=correct")
	assert.Error(t, err, "Build takes complete lines only")
}

// Registered models are built by name; a model without a codec is refused,
// and names cannot be taken twice or shadow the catalogue.
func TestRegister(t *testing.T) {
	Register("load-test-nocodec", func(string) (model.Model[any, any], error) {
		return model.Func[any, any]{InitFn: func(func(any)) {}, NextFn: func(any, func(any, any)) {},
			KeyFn: func(b []byte, _ any) []byte { return b }}, nil
	})
	_, _, err := Build("load-test-nocodec", "")
	assert.ErrorContains(t, err, "does not implement model.Codec")
	assert.Panics(t, func() { Register("load-test-nocodec", nil) })
	assert.Panics(t, func() { Register("twopc", nil) })
	line, err := Canonical("load-test-nocodec", "anything at all")
	require.NoError(t, err)
	assert.Equal(t, "anything at all", line)
}

// Every catalogue protocol builds from its default line with a codec that
// reads back its initial states.
func TestEveryProtocolBuilds(t *testing.T) {
	for _, e := range protocols.All() {
		name := e.Info().Name
		line, err := Canonical(name, "")
		require.NoError(t, err, name)
		m, c, err := Build(name, line)
		require.NoError(t, err, name)
		m.Init(func(s any) {
			got, err := c.DecodeState(c.AppendState(nil, s))
			require.NoError(t, err, name)
			assert.Equal(t, m.AppendKey(nil, s), m.AppendKey(nil, got), name)
		})
	}
}
