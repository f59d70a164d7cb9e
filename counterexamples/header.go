package counterexamples

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// parseHeader reads one "key: value" header line (without its "#").
// Lines without a known key are comments and are ignored.
func (p *parser) parseHeader(kv string) error {
	key, val, ok := strings.Cut(kv, ":")
	if !ok {
		return nil
	}
	val = strings.TrimSpace(val)
	h := &p.f.Header
	switch strings.TrimSpace(key) {
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
	kvs, err := p.pairs(val)
	if err != nil {
		return err
	}
	pr := &p.f.Header.Params
	for _, kv := range kvs {
		switch kv[0] {
		case "n":
			if pr.N, err = strconv.Atoi(kv[1]); err != nil {
				return p.errorf("params: n=%q is not an integer", kv[1])
			}
		case "variant":
			pr.Variant = kv[1]
		case "network":
			pr.Network = kv[1]
		case "symmetry":
			if pr.Symmetry, err = strconv.ParseBool(kv[1]); err != nil {
				return p.errorf("params: symmetry=%q is not true or false", kv[1])
			}
		case "faults":
			if pr.Faults, err = ParseFaults(kv[1]); err != nil {
				return p.errorf("params: %v", err)
			}
		default:
			return p.errorf("params: unknown parameter %q (known: n, variant, network, faults, symmetry)", kv[0])
		}
	}
	return nil
}

// ParseFaults parses fault budgets written as "drop=2,dup=1". Kinds must be
// distinct and budgets non-negative integers. An empty string gives nil.
func ParseFaults(s string) (map[string]int, error) {
	if s == "" {
		return nil, nil
	}
	out := map[string]int{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(part, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("fault %q: want kind=count", part)
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("fault %q: count must be a non-negative integer", part)
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("fault %q given twice", k)
		}
		out[k] = n
	}
	return out, nil
}

func (p *parser) parseProperty(val string) error {
	q, err := strconv.QuotedPrefix(val)
	if err != nil {
		return p.errorf("property: want a quoted name and (expectation), got %q", val)
	}
	name, _ := strconv.Unquote(q)
	rest := strings.TrimSpace(val[len(q):])
	if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
		return p.errorf("property: want (always|sometimes|eventually|leads-to) after the name, got %q", rest)
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
	for _, e := range []model.Expectation{model.ExpectAlways, model.ExpectSometimes, model.ExpectEventually, model.ExpectLeadsTo} {
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
