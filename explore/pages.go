package explore

// pageBits sets the length of a page of a pages array: 1<<pageBits values.
const pageBits = 18

// pages is an append-only array of a pointer-free type, kept in pages
// outside the Go heap (allocOff). Growing it never copies, so a graph of
// hundreds of millions of edges never needs twice its size while it grows,
// and the collector neither scans it nor counts it in its pacing. The zero
// value is an empty array; free returns its memory.
type pages[T any] struct {
	pg [][]T
	n  int
}

// len returns the number of values.
func (p *pages[T]) len() int { return p.n }

// at returns value i.
func (p *pages[T]) at(i int32) T { return p.pg[i>>pageBits][i&(1<<pageBits-1)] }

// push appends v.
func (p *pages[T]) push(v T) {
	if p.n>>pageBits == len(p.pg) {
		p.pg = append(p.pg, allocOff[T](1<<pageBits))
	}
	p.pg[p.n>>pageBits][p.n&(1<<pageBits-1)] = v
	p.n++
}

// truncate keeps the first n values (all of them if there are no more),
// releasing the pages beyond them.
func (p *pages[T]) truncate(n int) {
	if n >= p.n {
		return
	}
	keep := (n + 1<<pageBits - 1) >> pageBits
	for _, pg := range p.pg[keep:] {
		freeOff(pg)
	}
	clear(p.pg[keep:])
	p.pg = p.pg[:keep]
	p.n = n
}

// free releases every page.
func (p *pages[T]) free() { p.truncate(0) }
