package explore_test

import (
	"fmt"

	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// Two processes each increment a shared counter once, but non-atomically:
// read it into a register, then write register+1 back.
type counter struct {
	PC  [2]uint8 // 0: about to read, 1: about to write, 2: done
	Reg [2]uint8 // the value each process read
	X   uint8    // the shared counter
}

// step names one process's step: "p0 read", "p1 write".
type step struct {
	Proc int
	Op   string
}

func (s step) String() string { return fmt.Sprintf("p%d %s", s.Proc, s.Op) }

type lostUpdate struct{}

func (lostUpdate) Init(yield func(counter)) { yield(counter{}) }

func (lostUpdate) Next(s counter, yield func(step, counter)) {
	for p := range 2 {
		next := s // counter is a value: copying it is enough
		switch s.PC[p] {
		case 0:
			next.Reg[p], next.PC[p] = s.X, 1
			yield(step{p, "read"}, next)
		case 1:
			next.X, next.PC[p] = s.Reg[p]+1, 2
			yield(step{p, "write"}, next)
		}
	}
}

func (lostUpdate) AppendKey(dst []byte, s counter) []byte {
	return append(dst, s.PC[0], s.PC[1], s.Reg[0], s.Reg[1], s.X)
}

func (lostUpdate) Properties() []model.Property[counter] {
	done := func(s counter) bool { return s.PC == [2]uint8{2, 2} }
	return []model.Property[counter]{
		model.Always("no lost update", func(s counter) bool { return !done(s) || s.X == 2 }),
		model.Sometimes("both done", done),
	}
}

// Final declares where runs may end, so any other dead end is a deadlock.
func (lostUpdate) Final(s counter) bool { return s.PC == [2]uint8{2, 2} }

func Example() {
	res, err := explore.BFS(lostUpdate{}, explore.Options{Workers: 2})
	if err != nil {
		panic(err)
	}
	fmt.Println("distinct states:", res.Distinct)
	for _, p := range res.Properties {
		fmt.Printf("%s: %s\n", p.Name, p.Status)
	}
	bad, _ := res.Property("no lost update")
	for i, st := range bad.Trace.Steps[1:] {
		fmt.Printf("%d. %s\n", i+1, st.Action)
	}
	// Output:
	// distinct states: 13
	// no lost update: violated
	// both done: holds
	// deadlock free: holds
	// 1. p1 read
	// 2. p0 read
	// 3. p0 write
	// 4. p1 write
}
