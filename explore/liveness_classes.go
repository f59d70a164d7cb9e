package explore

import "math"

// classPages holds the fairness class of every edge of an lgraph in the
// narrowest width, one, two or four bytes, that holds the largest class
// id seen so far: a model has few fairness classes (channels times
// messages, timers), and the classes are as many as the edges. A value is
// stored as the class id plus one, so 0 is unfairClass. Pushing a class
// too wide for the current width copies the edges into the next width once.
type classPages struct {
	w1    pages[uint8]
	w2    pages[uint16]
	w4    pages[int32]
	width int // 1, 2 or 4; 0 before the first push
}

// len returns the number of edges stored.
func (c *classPages) len() int { return c.w1.len() + c.w2.len() + c.w4.len() }

// at returns the class of edge e, or unfairClass.
func (c *classPages) at(e int32) int32 {
	switch c.width {
	case 1:
		return int32(c.w1.at(e)) - 1
	case 2:
		return int32(c.w2.at(e)) - 1
	}
	return c.w4.at(e) - 1
}

// push appends the class k (or unfairClass) of the next edge.
func (c *classPages) push(k int32) {
	v := k + 1
	switch {
	case c.width == 0:
		c.width = 1
		fallthrough
	case c.width == 1 && v > math.MaxUint8:
		c.widen(v)
	case c.width == 2 && v > math.MaxUint16:
		c.widen(v)
	}
	switch c.width {
	case 1:
		c.w1.push(uint8(v))
	case 2:
		c.w2.push(uint16(v))
	default:
		c.w4.push(v)
	}
}

// widen moves the stored edges to the narrowest width that holds v.
func (c *classPages) widen(v int32) {
	if v <= math.MaxUint8 {
		return // the first push: width 1 holds it
	}
	n := int32(c.len())
	if v <= math.MaxUint16 {
		for e := range n {
			c.w2.push(uint16(c.w1.at(e)))
		}
		c.w1.free()
		c.width = 2
		return
	}
	for e := range n {
		c.w4.push(c.at(e) + 1)
	}
	c.w1.free()
	c.w2.free()
	c.width = 4
}

// truncate keeps the classes of the first n edges.
func (c *classPages) truncate(n int) {
	c.w1.truncate(n)
	c.w2.truncate(n)
	c.w4.truncate(n)
}

// free releases every page.
func (c *classPages) free() { c.truncate(0) }
