package actor

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMemos: steps are found by index and input, at most maxMemos per
// index, inputs up to maxMemoInput bytes; clear forgets them all. Indices
// are kept within the memos or outside, by their number.
func TestMemos(t *testing.T) {
	for _, n := range []int{2, memoInline, memoInline + 1} {
		var m memos[int]
		m.init(n)
		assert.Len(t, m.by, n)
		testMemos(t, &m)
	}
}

func testMemos(t *testing.T, m *memos[int]) {
	one, two := new(int), new(int)
	m.add(0, []byte("ab"), one)
	m.add(0, []byte("abc"), two)
	assert.Same(t, one, m.find(0, []byte("ab")))
	assert.Same(t, two, m.find(0, []byte("abc")))
	assert.Nil(t, m.find(0, []byte("a")), "a prefix is another input")
	assert.Nil(t, m.find(1, []byte("ab")), "another index")
	m.add(1, []byte{}, one)
	assert.Same(t, one, m.find(1, nil), "the empty input")

	long := bytes.Repeat([]byte{7}, maxMemoInput+1)
	m.add(1, long, two)
	assert.Nil(t, m.find(1, long), "too long to remember")
	for i := 0; i < maxMemos+5; i++ {
		m.add(0, []byte{byte(i), 'x'}, two)
	}
	assert.Len(t, m.by[0].Load().more, maxMemos-1, "at most maxMemos per index")
	assert.Same(t, one, m.find(0, []byte("ab")), "the first steps stay")
	m.clear()
	assert.Nil(t, m.find(0, []byte("ab")))
	assert.Nil(t, m.find(1, nil))
	assert.Nil(t, m.find(len(m.by)-1, nil))
}
