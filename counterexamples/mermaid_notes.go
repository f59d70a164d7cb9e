package counterexamples

import "strings"

// procChange returns what a step changed in the field named name (a
// process's local state), "" when it did not change or either state lacks
// the field. For the initial state it is the whole value.
func procChange(prev, cur []field, name string, initial bool) string {
	now, ok := fieldValue(cur, name)
	if initial || !ok {
		return now
	}
	old, ok := fieldValue(prev, name)
	if !ok || old == now {
		return ""
	}
	return valueChange(old, now)
}

func fieldValue(fs []field, name string) (string, bool) {
	for _, f := range fs {
		if f.name == name {
			return f.value, true
		}
	}
	return "", false
}

// valueChange describes how a value of space-separated parts changed
// ("READY vote=yes timers=ask" to "ABORT vote=yes" gives "ABORT
// timers=none"): the parts of now that are new (a name=value part whose
// value differs, or a bare part old did not have), then "name=none" for
// every named part that disappeared. When the parts do not show the
// change (a bare part disappeared), it is the whole new value.
func valueChange(old, now string) string {
	oldParts, nowParts := splitParts(old), splitParts(now)
	named := map[string]string{} // name -> the old part
	bare := map[string]int{}     // bare part -> count in old
	for _, p := range oldParts {
		if k, ok := partName(p); ok {
			named[k] = p
		} else {
			bare[p]++
		}
	}
	var out []string
	kept := map[string]bool{}
	for _, p := range nowParts {
		if k, ok := partName(p); ok {
			kept[k] = true
			if named[k] != p {
				out = append(out, p)
			}
			continue
		}
		if bare[p] > 0 {
			bare[p]--
		} else {
			out = append(out, p)
		}
	}
	for _, p := range oldParts {
		if k, ok := partName(p); ok && !kept[k] {
			out = append(out, k+"=none")
		}
	}
	if len(out) == 0 {
		return now
	}
	return strings.Join(out, " ")
}

// partName returns the name of a "name=value" part.
func partName(p string) (string, bool) {
	k, _, ok := strings.Cut(p, "=")
	if !ok || k == "" || strings.ContainsAny(k, "([{\"") {
		return "", false
	}
	return k, true
}

// splitParts splits a value at the spaces outside brackets and quotes:
// "p2:e0#0 inc" inside "running=[p2:e0#0 inc]" stays one part.
func splitParts(s string) []string {
	var out []string
	depth, start, quoted := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quoted:
			if c == '\\' {
				i++
			} else if c == '"' {
				quoted = false
			}
		case c == '"':
			quoted = true
		case c == '(' || c == '[' || c == '{':
			depth++
		case (c == ')' || c == ']' || c == '}') && depth > 0:
			depth--
		case c == ' ' && depth == 0:
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
