package counterexamples

import (
	"github.com/protocheck/protocheck/catalog"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// headerFields are the keys of the header lines Write produces.
var headerFields = []string{"protocol", "params", "property", "result", "engine", "counts", "reproduce", "replay", "message"}

// parseHeader reads one "key: value" header line (without its "#"). Each
// known field appears at most once. Other lines are comments and are
// ignored, except a one-word key that is a near miss of a known field (a
// typo such as "proprety", "Protocol" or "results"), which is an error:
// the field it was meant to set would silently keep its default.
func (p *parser) parseHeader(kv string) error {
	key, val, ok := strings.Cut(kv, ":")
	if !ok {
		return nil
	}
	key, val = strings.TrimSpace(key), strings.TrimSpace(val)
	if !slices.Contains(headerFields, key) {
		if near := nearField(key); near != "" {
			return p.errorf("unknown header field %q (did you mean %q?)", key, near)
		}
		return nil
	}
	if p.seen[key] {
		return p.errorf("a second \"# %s:\" line", key)
	}
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	p.seen[key] = true
	h := &p.f.Header
	switch key {
	case "protocol":
		if val == "" {
			return p.errorf("empty protocol")
		}
		h.Protocol, p.sawProto = val, true
	case "params":
		return p.parseParams(val)
	case "property":
		return p.parseProperty(val)
	case "result":
		if val != ResultCounterexample && val != ResultWitness {
			return p.errorf("result %q: want %q or %q", val, ResultCounterexample, ResultWitness)
		}
		h.Result = val
	case "engine":
		return p.parseEngine(val)
	case "counts":
		return p.parseCounts(val)
	case "reproduce":
		h.Reproduce = val
	case "replay":
		h.Replay = val
	case "message":
		h.Message = val
	}
	return nil
}

// pairs splits "a=1 b=x" into key/value pairs, in order.
func (p *parser) pairs(val string) ([][2]string, error) {
	var out [][2]string
	for _, tok := range strings.Fields(val) {
		k, v, ok := strings.Cut(tok, "=")
		if !ok || k == "" {
			return nil, p.errorf("want key=value, got %q", tok)
		}
		out = append(out, [2]string{k, v})
	}
	return out, nil
}

func (p *parser) parseParams(val string) error {
	var rest []string
	pr := &p.f.Header.Params
	for _, tok := range strings.Fields(val) {
		if v, ok := strings.CutPrefix(tok, "symmetry="); ok {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return p.errorf("params: symmetry=%q is not true or false", v)
			}
			pr.Symmetry = b
			continue
		}
		if v, ok := strings.CutPrefix(tok, "stutter="); ok {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return p.errorf("params: stutter=%q is not true or false", v)
			}
			pr.Stutter = b
			continue
		}
		rest = append(rest, tok)
	}
	c, err := catalog.ParseConfig(strings.Join(rest, " "))
	if err != nil {
		return p.errorf("params: %v", err)
	}
	pr.Config = c
	return nil
}

func (p *parser) parseProperty(val string) error {
	q, err := strconv.QuotedPrefix(val)
	if err != nil {
		return p.errorf("property: want a quoted name and (expectation), got %q", val)
	}
	name, _ := strconv.Unquote(q)
	rest := strings.TrimSpace(val[len(q):])
	if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
		return p.errorf("property: want (always|sometimes|eventually|leads-to|always-step) after the name, got %q", rest)
	}
	e, ok := ParseExpectation(rest[1 : len(rest)-1])
	if !ok {
		return p.errorf("property: unknown expectation %q", rest)
	}
	p.f.Header.Property, p.f.Header.Expect, p.sawProp = name, e, true
	return nil
}

// ParseExpectation is the inverse of model.Expectation.String.
func ParseExpectation(s string) (model.Expectation, bool) {
	for _, e := range []model.Expectation{model.ExpectAlways, model.ExpectSometimes, model.ExpectEventually, model.ExpectLeadsTo, model.ExpectAlwaysStep} {
		if e.String() == s {
			return e, true
		}
	}
	return 0, false
}

func (p *parser) parseEngine(val string) error {
	name, rest, _ := strings.Cut(val, " ")
	h := &p.f.Header
	if name != "-" {
		h.Engine = name
	}
	kvs, err := p.pairs(rest)
	if err != nil {
		return err
	}
	for _, kv := range kvs {
		if kv[0] != "seed" {
			return p.errorf("engine: unknown field %q", kv[0])
		}
		if h.Seed, err = strconv.ParseUint(kv[1], 10, 64); err != nil {
			return p.errorf("engine: seed=%q is not an unsigned integer", kv[1])
		}
	}
	return nil
}

func (p *parser) parseCounts(val string) error {
	kvs, err := p.pairs(val)
	if err != nil {
		return err
	}
	h := &p.f.Header
	for _, kv := range kvs {
		n, err := strconv.ParseInt(kv[1], 10, 64)
		if err != nil {
			return p.errorf("counts: %s=%q is not an integer", kv[0], kv[1])
		}
		switch kv[0] {
		case "generated":
			h.Generated = n
		case "distinct":
			h.Distinct = n
		case "depth":
			h.MaxDepth = int(n)
		default:
			return p.errorf("counts: unknown field %q", kv[0])
		}
	}
	return nil
}

// nearField returns the known header field that key is a near miss of:
// one word of letters within two edits of the field, ignoring case. It
// returns "" for anything else, which stays a comment.
func nearField(key string) string {
	for _, r := range key {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return ""
		}
	}
	k := strings.ToLower(key)
	for _, f := range headerFields {
		if editDistance(k, f) <= 2 {
			return f
		}
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
