package counterexamples

import (
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// Layout of the step section. A step line is the step number right-aligned
// in stepWidth columns, two spaces and the label; its detail lines are
// indented by detailIndent spaces, which no step line starts with.
const (
	stepWidth    = 4
	detailIndent = "        "
	detailWidth  = 100 // wrap detail lines after about this many columns
	initialLabel = "(initial state)"
	loopMarker   = "-- loop starts here --"
	backMarker   = "-- back to step %d --"
	maxDepth     = 10 // flattening stops descending here (cyclic pointers)
)

// A field is one flattened state component: "procs[1].clock" = "3".
type field struct{ name, value string }

func writeSteps(w io.Writer, t *model.Trace) {
	var prev []field
	for i, s := range t.Steps {
		label := s.Action
		if i == 0 {
			label = initialLabel
		}
		fmt.Fprintf(w, "%*d  %s\n", stepWidth, i, label)
		cur := flatten(s.State)
		changed := cur
		if i > 0 {
			changed = diff(prev, cur)
		}
		writeFields(w, changed)
		prev = cur
		if i == t.Loop {
			fmt.Fprintln(w, loopMarker)
		}
	}
	if t.Lasso() {
		fmt.Fprintf(w, backMarker+"\n", t.Loop)
	}
}

// writeFields prints name=value pairs on detail lines wrapped at about
// detailWidth columns. A field whose value has a space of its own (a
// process's local state, a list of messages) gets a line to itself, so
// that where one field ends and the next begins is never in doubt.
func writeFields(w io.Writer, fs []field) {
	if len(fs) == 0 {
		fmt.Fprintf(w, "%s(no change)\n", detailIndent)
		return
	}
	line := detailIndent
	flush := func() {
		if len(line) > len(detailIndent) {
			fmt.Fprintln(w, line)
			line = detailIndent
		}
	}
	for _, f := range fs {
		kv := f.name + "=" + f.value
		if f.name == "" {
			kv = f.value // a whole-state diff
		}
		if ownLine(f.value) {
			flush()
			fmt.Fprintln(w, detailIndent+kv)
			continue
		}
		if len(line) > len(detailIndent) && len(line)+1+len(kv) > detailWidth {
			flush()
		}
		if len(line) > len(detailIndent) {
			line += " "
		}
		line += kv
	}
	flush()
}

// ownLine reports whether a value has a space that is not inside quotes,
// and so needs a detail line of its own.
func ownLine(v string) bool {
	return strings.Contains(v, " ") && !strings.HasPrefix(v, `"`)
}

// finalLines renders the full state, one field a line; a state shown as
// a whole prints its String's lines.
func finalLines(state any) []string {
	if s, ok := wholeString(state); ok && len(stringFields(s)) == 0 {
		return strings.Split(strings.TrimRight(s, "\n"), "\n")
	}
	fs := flatten(state)
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name + "=" + f.value
	}
	return out
}

// wholeString returns the String of a state that is shown through its
// String method rather than by reflection: a fmt.Stringer that is not a
// struct, or a struct whose fields are all unexported (an opaque, packed
// representation).
func wholeString(state any) (string, bool) {
	st, ok := state.(fmt.Stringer)
	if !ok {
		return "", false
	}
	v := reflect.ValueOf(state)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				return "", false
			}
		}
	}
	return st.String(), true
}

// stringFields splits a one-line String of the form "a=1 b={x,y} c=z" into
// fields, so that states printed that way are diffed field by field. It
// returns nil when the string has another shape (or repeats a name).
func stringFields(s string) []field {
	if strings.ContainsAny(s, "\r\n") {
		return nil
	}
	toks := strings.Fields(s)
	out := make([]field, 0, len(toks))
	seen := make(map[string]bool, len(toks))
	for _, t := range toks {
		k, v, ok := strings.Cut(t, "=")
		if !ok || k == "" || seen[k] {
			return nil
		}
		seen[k] = true
		out = append(out, field{k, v})
	}
	return out
}

// diff returns the fields of cur whose value differs from prev (or that
// are new), then the fields of prev that cur no longer has, as
// name=<removed>.
func diff(prev, cur []field) []field {
	old := make(map[string]string, len(prev))
	for _, f := range prev {
		old[f.name] = f.value
	}
	now := make(map[string]bool, len(cur))
	var out []field
	for _, f := range cur {
		now[f.name] = true
		if v, ok := old[f.name]; !ok || v != f.value {
			out = append(out, f)
		}
	}
	for _, f := range prev {
		if !now[f.name] && !related(f.name, now) {
			out = append(out, field{f.name, "<removed>"})
		}
	}
	return out
}

// related reports whether name is an ancestor or a descendant of a field
// in now: "Net" (an empty slice) and "Net[0]" replace one another, and
// printing the empty container or the new element says enough.
func related(name string, now map[string]bool) bool {
	for i := len(name) - 1; i > 0; i-- {
		if (name[i] == '[' || name[i] == '.') && now[name[:i]] {
			return true
		}
	}
	for n := range now {
		if len(n) > len(name) && strings.HasPrefix(n, name) && (n[len(name)] == '[' || n[len(name)] == '.') {
			return true
		}
	}
	return false
}

// flatten turns a state into name=value fields with reflection. It is only
// used to print traces, never on an engine's hot path.
func flatten(state any) []field {
	if f, ok := state.(model.Fielder); ok {
		var out []field
		for _, mf := range f.Fields() {
			out = append(out, field{mf.Name, mf.Value})
		}
		return out
	}
	if s, ok := wholeString(state); ok {
		if fs := stringFields(s); len(fs) > 0 {
			return fs
		}
		return []field{{"", quoteIfNeeded(s, true)}}
	}
	// Dereference the root so a *State is flattened like a State.
	v := reflect.ValueOf(state)
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && !v.IsNil() {
		v = v.Elem()
	}
	var out []field
	walk(&out, "", v, 0)
	return out
}

func walk(out *[]field, name string, v reflect.Value, depth int) {
	leaf := func(s string) {
		n := name
		if n == "" {
			n = "state"
		}
		*out = append(*out, field{n, s})
	}
	if !v.IsValid() {
		leaf("nil")
		return
	}
	if depth > 0 || v.Kind() != reflect.Struct {
		if s, ok := stringer(v); ok {
			leaf(quoteIfNeeded(s, true))
			return
		}
	}
	if depth >= maxDepth {
		leaf(fmt.Sprint(v))
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			leaf("nil")
			return
		}
		walk(out, name, v.Elem(), depth+1)
	case reflect.Struct:
		walkStruct(out, name, v, depth, leaf)
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			leaf("[]")
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 && v.Kind() == reflect.Slice {
			leaf(fmt.Sprintf("%x", v.Bytes()))
			return
		}
		for i := 0; i < v.Len(); i++ {
			walk(out, name+"["+strconv.Itoa(i)+"]", v.Index(i), depth+1)
		}
	case reflect.Map:
		walkMap(out, name, v, depth, leaf)
	case reflect.String:
		leaf(quoteIfNeeded(v.String(), false))
	default:
		leaf(fmt.Sprint(v))
	}
}

func walkStruct(out *[]field, name string, v reflect.Value, depth int, leaf func(string)) {
	n := 0
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if f.Name == "_" {
			continue
		}
		n++
		fname := f.Name
		if name != "" {
			fname = name + "." + f.Name
		}
		walk(out, fname, v.Field(i), depth+1)
	}
	if n == 0 {
		leaf("{}")
	}
}

func walkMap(out *[]field, name string, v reflect.Value, depth int, leaf func(string)) {
	if v.Len() == 0 {
		leaf("map[]")
		return
	}
	type entry struct {
		key string
		val reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	it := v.MapRange()
	for it.Next() {
		k, ok := stringer(it.Key())
		if !ok {
			k = fmt.Sprint(it.Key())
		}
		entries = append(entries, entry{k, it.Value()})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
	for _, e := range entries {
		walk(out, name+"["+e.key+"]", e.val, depth+1)
	}
}

// stringer returns v's String() when v can be used as an interface and has
// a String method (on its value, or on its address when addressable).
func stringer(v reflect.Value) (string, bool) {
	if !v.IsValid() || !v.CanInterface() {
		return "", false
	}
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return "", false
	}
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String(), true
	}
	if v.CanAddr() {
		if s, ok := v.Addr().Interface().(fmt.Stringer); ok {
			return s.String(), true
		}
	}
	return "", false
}

// quoteIfNeeded quotes a value that would otherwise be ambiguous on a
// name=value line: empty, spanning lines, or (for plain strings, not
// String() output) containing spaces or quotes.
func quoteIfNeeded(s string, fromStringer bool) string {
	if s == "" || strings.ContainsAny(s, "\r\n\t") {
		return strconv.Quote(s)
	}
	if !fromStringer && strings.ContainsAny(s, " \"=") {
		return strconv.Quote(s)
	}
	return s
}
