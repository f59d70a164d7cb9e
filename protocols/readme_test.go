package protocols

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEListsTheCatalogue: the README's protocol table names every
// protocol of the catalogue and every variant that must fail, so the README
// says what is true.
func TestREADMEListsTheCatalogue(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(data)
	for _, e := range all {
		in := e.Info()
		row := ""
		for _, line := range strings.Split(readme, "\n") {
			if strings.HasPrefix(line, "| `"+in.Name+"` |") {
				row = line
			}
		}
		if !assert.NotEmpty(t, row, "the README's protocol table has no row for %s", in.Name) {
			continue
		}
		for _, v := range in.VariantList() {
			if v.Broken() {
				assert.Contains(t, row, "`"+v.Name+"`", "the README's row for %s names its broken variant", in.Name)
			}
		}
	}
}
