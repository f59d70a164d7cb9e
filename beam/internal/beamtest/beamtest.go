// Package beamtest starts the Beam SDK for a test binary whose tests run
// pipelines on prism, in the test process.
package beamtest

import (
	"flag"
	"os"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"

	"github.com/protocheck/protocheck/beam/internal/loopback"
)

// Main is a TestMain: it starts the SDK, keeps its logs to warnings, and
// runs the tests with TMPDIR pointing at a private directory, removed
// afterwards (the SDK leaves a file there for every pipeline: package
// loopback). It exits with the tests' code.
func Main(m *testing.M) {
	flag.Parse()
	beam.Init()
	beamlog.SetupLogging("warn", "text")
	cleanup, err := loopback.PrivateTempDir()
	if err != nil {
		panic(err)
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}
