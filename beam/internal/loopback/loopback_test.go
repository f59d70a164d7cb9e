package loopback

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrivateTempDirIsRemoved(t *testing.T) {
	parent := t.TempDir()
	t.Setenv("TMPDIR", parent)
	cleanup, err := PrivateTempDir()
	require.NoError(t, err)
	dir := os.TempDir()
	assert.Equal(t, parent, filepath.Dir(dir), "the private directory is inside the old one")
	f, err := os.CreateTemp("", "beamloopbackworker-*") // what the SDK does
	require.NoError(t, err)
	require.NoError(t, f.Close())
	assert.Equal(t, dir, filepath.Dir(f.Name()))

	cleanup()
	assert.Equal(t, parent, os.TempDir(), "TMPDIR is restored")
	_, err = os.Stat(dir)
	assert.True(t, os.IsNotExist(err), "the directory and its files are gone: %v", err)
	left, err := os.ReadDir(parent)
	require.NoError(t, err)
	assert.Empty(t, left)
}

func TestPrivateTempDirRestoresUnsetTMPDIR(t *testing.T) {
	t.Setenv("TMPDIR", "") // restored by the test framework afterwards
	require.NoError(t, os.Unsetenv("TMPDIR"))
	cleanup, err := PrivateTempDir()
	require.NoError(t, err)
	_, set := os.LookupEnv("TMPDIR")
	assert.True(t, set)
	cleanup()
	_, set = os.LookupEnv("TMPDIR")
	assert.False(t, set)
}
