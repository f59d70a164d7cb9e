package explore

import "testing"

func BenchmarkSegmentDouble(b *testing.B) {
	const n = 1 << 18
	for b.Loop() {
		b.StopTimer()
		var sg segment
		sg.init(n)
		for i := uint64(1); i <= n*3/4; i++ {
			fp := (i * 0x9e3779b97f4a7c15) &^ tagMask
			j := sg.homeOf(fp)
			for sg.slots[j].fp != 0 {
				j = sg.after(j)
			}
			sg.slots[j] = slot{fp, 4}
		}
		b.StartTimer()
		sg.double()
		b.StopTimer()
		freeSlots(sg.slots)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(n*3/4), "ns/entry")
}
