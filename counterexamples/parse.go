package counterexamples

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// ErrSyntax is wrapped by every error about a malformed trace file; the
// message gives the line number.
var ErrSyntax = errors.New("counterexamples: bad trace file")

var stepLine = regexp.MustCompile(`^ {0,5}(\d+)(?:  (.*))?$`)

// parser holds the state of one Parse call.
type parser struct {
	f        *File
	line     int  // current line number, from 1
	havePath bool // the path line was read
	inFinal  bool // past "final state:"
	closed   bool // the loop's "-- back to step k --" line was read
	blanks   int  // blank lines read in the final state section, not yet kept
	sawProto bool
	sawProp  bool
	seen     map[string]bool // header fields read, to refuse a second one
}

// Parse reads a trace file written by Write. The result has the header,
// the path, the loop start, each step's label (State is nil) and the final
// state's lines. Errors wrap ErrSyntax and name the offending line. Parse
// is strict where leniency would hide damage: a loop must hold a step and
// end with its back marker, nothing but the state's indented lines (and
// blank lines) may follow "final state:", a header field appears once,
// and a one-word header key that is a near miss of a field ("proprety")
// is an error rather than a comment.
func Parse(r io.Reader) (*File, error) {
	p := &parser{f: &File{Trace: model.Trace{Loop: -1}}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		p.line++
		if err := p.parseLine(strings.TrimRight(sc.Text(), "\r")); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("counterexamples: reading line %d: %w", p.line+1, err)
	}
	return p.finish()
}

// ParseFile reads and parses the trace file at name; errors name the file.
func ParseFile(name string) (*File, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	f, err := Parse(fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// WriteFile writes f to name, creating parent directories as needed.
func WriteFile(name string, f *File) error {
	var b strings.Builder
	if err := Write(&b, f); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, []byte(b.String()), 0o644)
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: line %d: %s", ErrSyntax, p.line, fmt.Sprintf(format, args...))
}

func (p *parser) parseLine(line string) error {
	switch {
	case p.line == 1:
		if line != Magic {
			return p.errorf("not a protocheck trace: want first line %q, got %q", Magic, line)
		}
		return nil
	case p.inFinal:
		return p.parseFinal(line)
	case strings.TrimSpace(line) == "":
		return nil
	case strings.HasPrefix(line, "#"):
		if p.havePath {
			return p.errorf("header line after the path line")
		}
		return p.parseHeader(strings.TrimSpace(strings.TrimPrefix(line, "#")))
	case strings.HasPrefix(line, "path"):
		return p.parsePath(line)
	case !p.havePath:
		return p.errorf("want a header line (# key: value) or the path line, got %q", line)
	case line == "final state:":
		p.inFinal = true
		return nil
	case strings.HasPrefix(line, "violated") || strings.HasPrefix(line, "witnessed"):
		return nil // derived from the header; for people
	case strings.HasPrefix(line, "      "):
		if len(p.f.Trace.Steps) == 0 {
			return p.errorf("detail line before the first step")
		}
		return nil // changed fields; for people
	}
	return p.parseStep(line)
}

// parseFinal reads a line of the final state section: every line of the
// state is indented by two spaces. Blank lines are kept only when more of
// the state follows (a state's String may contain an empty line, and an
// editor may strip its indentation); anything else is not part of the
// format.
func (p *parser) parseFinal(line string) error {
	if strings.TrimSpace(line) == "" {
		p.blanks++
		return nil
	}
	rest, ok := strings.CutPrefix(line, "  ")
	if !ok {
		return p.errorf("text after the final state: %q (its lines are indented by two spaces)", line)
	}
	for ; p.blanks > 0; p.blanks-- {
		p.f.Final = append(p.f.Final, "")
	}
	p.f.Final = append(p.f.Final, rest)
	return nil
}

// parseMarker reads the loop's start and end markers. A loop holds at
// least one step: a marker pair with no step between them is no behaviour.
func (p *parser) parseMarker(line string) error {
	t := &p.f.Trace
	if line == loopMarker {
		if len(t.Steps) == 0 || t.Loop >= 0 {
			return p.errorf("%q must follow a step and appear once", loopMarker)
		}
		t.Loop = len(t.Steps) - 1
		return nil
	}
	var k int
	switch _, err := fmt.Sscanf(line, backMarker, &k); {
	case err != nil || k != t.Loop:
		return p.errorf("%q does not match the loop start (step %d)", line, t.Loop)
	case p.closed:
		return p.errorf("a second %q", line)
	case k == len(t.Steps)-1:
		return p.errorf("%q directly followed by %q: a loop needs at least one step", loopMarker, line)
	}
	p.closed = true
	return nil
}

func (p *parser) parseStep(line string) error {
	t := &p.f.Trace
	if line == loopMarker || strings.HasPrefix(line, "-- back to step") {
		return p.parseMarker(line)
	}
	m := stepLine.FindStringSubmatch(line)
	if m == nil {
		return p.errorf("want a step line (number, two spaces, label), got %q", line)
	}
	n, err := strconv.Atoi(m[1])
	switch {
	case p.closed:
		return p.errorf("step %s after %q: the loop's end is the last step", m[1], fmt.Sprintf(backMarker, t.Loop))
	case err != nil || n != len(t.Steps):
		return p.errorf("step %s out of order: want step %d", m[1], len(t.Steps))
	}
	label := strings.TrimSpace(m[2])
	if n == 0 {
		label = ""
	}
	t.Steps = append(t.Steps, model.Step{Action: label})
	return nil
}

func (p *parser) parsePath(line string) error {
	if p.havePath {
		return p.errorf("second path line")
	}
	rest, ok := strings.CutPrefix(line, "path ")
	rest = strings.TrimSpace(rest)
	if !ok || rest == "" {
		return p.errorf("want \"path i/j/k\", got %q", line)
	}
	for i, s := range strings.Split(rest, "/") {
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 {
			return p.errorf("path element %d is %q: want a non-negative integer", i, s)
		}
		p.f.Trace.Path = append(p.f.Trace.Path, v)
	}
	p.havePath = true
	return nil
}

func (p *parser) finish() (*File, error) {
	t := &p.f.Trace
	switch {
	case p.line == 0:
		return nil, fmt.Errorf("%w: empty file", ErrSyntax)
	case !p.sawProto:
		return nil, p.errorf("no \"# protocol:\" line in the header")
	case !p.sawProp:
		return nil, p.errorf("no \"# property:\" line in the header")
	case !p.havePath:
		return nil, p.errorf("no path line")
	case len(t.Steps) != len(t.Path):
		return nil, p.errorf("path has %d indices but %d steps are listed", len(t.Path), len(t.Steps))
	case t.Loop >= 0 && !p.closed:
		return nil, p.errorf("the loop from step %d has no %q line", t.Loop, fmt.Sprintf(backMarker, t.Loop))
	}
	return p.f, nil
}

// SavedTraces returns the trace files under dir (the project keeps its
// counterexamples in counterexamples/<protocol>/), sorted, skipping
// testdata directories.
func SavedTraces(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == "testdata":
			return filepath.SkipDir
		case !d.IsDir() && strings.HasSuffix(path, ".trace"):
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}
