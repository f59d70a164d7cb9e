package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ErrConfig is wrapped by every error about a parameter, variant, network
// or fault value that a spec does not accept.
var ErrConfig = errors.New("invalid configuration")

// A Kind is the type of a parameter's values.
type Kind uint8

const (
	// Int: a whole number in Min..Max.
	Int Kind = iota
	// Ints: a comma-separated list of whole numbers, each in Min..Max, of
	// MinLen..MaxLen elements (MaxLen 0: no limit).
	Ints
	// Choice: one of Choices.
	Choice
)

// A Param is one typed parameter of a spec: a flag of `check run`.
type Param struct {
	Name    string   // the flag name: "n", "requests", "ids", "shape"
	Help    string   // what it means, for -h and `check list`
	Kind    Kind     // the type of its values
	Default string   // the default, as typed
	Min     int      // Int, Ints: the smallest value
	Max     int      // Int, Ints: the largest value
	MinLen  int      // Ints: the fewest elements
	MaxLen  int      // Ints: the most elements (0: no limit)
	Choices []string // Choice: the accepted values
	_       struct{}
}

// IntParam returns an Int parameter.
func IntParam(name, help string, def, lo, hi int) Param {
	return Param{Name: name, Help: help, Kind: Int, Default: strconv.Itoa(def), Min: lo, Max: hi}
}

// ChoiceParam returns a Choice parameter; def must be one of choices.
func ChoiceParam(name, help, def string, choices ...string) Param {
	return Param{Name: name, Help: help, Kind: Choice, Default: def, Choices: choices}
}

// IntsParam returns an Ints parameter whose elements lie in lo..hi.
func IntsParam(name, help, def string, lo, hi, minLen, maxLen int) Param {
	return Param{Name: name, Help: help, Kind: Ints, Default: def, Min: lo, Max: hi, MinLen: minLen, MaxLen: maxLen}
}

// Range describes the accepted values, for listings: "1..16", "a|b|c",
// "list of 1..9".
func (p *Param) Range() string {
	switch p.Kind {
	case Int:
		return fmt.Sprintf("%d..%d", p.Min, p.Max)
	case Ints:
		return fmt.Sprintf("list of %d..%d", p.Min, p.Max)
	}
	return strings.Join(p.Choices, "|")
}

// Check validates a value and returns it in canonical form (an Ints list
// without spaces, a number without sign or leading zeros).
func (p *Param) Check(v string) (string, error) {
	v = strings.TrimSpace(v)
	switch p.Kind {
	case Int:
		n, err := p.checkInt(v)
		if err != nil {
			return "", err
		}
		return strconv.Itoa(n), nil
	case Ints:
		var parts []string
		if v != "" {
			parts = strings.Split(v, ",")
		}
		if len(parts) < p.MinLen || (p.MaxLen > 0 && len(parts) > p.MaxLen) {
			return "", fmt.Errorf("%w: -%s %q: want a list of %d..%s numbers", ErrConfig, p.Name, v, p.MinLen, maxText(p.MaxLen))
		}
		out := make([]string, len(parts))
		for i, s := range parts {
			n, err := p.checkInt(strings.TrimSpace(s))
			if err != nil {
				return "", err
			}
			out[i] = strconv.Itoa(n)
		}
		return strings.Join(out, ","), nil
	case Choice:
		if !slices.Contains(p.Choices, v) {
			return "", fmt.Errorf("%w: -%s %q: want one of %s", ErrConfig, p.Name, v, strings.Join(p.Choices, ", "))
		}
		return v, nil
	}
	return "", fmt.Errorf("%w: -%s: unknown kind %d", ErrConfig, p.Name, p.Kind)
}

func (p *Param) checkInt(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%w: -%s %q: not a whole number", ErrConfig, p.Name, s)
	}
	if n < p.Min || n > p.Max {
		return 0, fmt.Errorf("%w: -%s %d out of range %d..%d", ErrConfig, p.Name, n, p.Min, p.Max)
	}
	return n, nil
}

func maxText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// An Arg is a parameter's value in a Config.
type Arg struct {
	Name  string
	Value string // canonical, as Param.Check returns it
}
