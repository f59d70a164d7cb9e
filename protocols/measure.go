package protocols

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// measure checks m (explore.CheckVisit: BFS with liveness in one pass) and, in the
// same pass, computes each measure's statistics over the final states:
// reachable states with no enabled step that the model accepts as final. A
// measure named "units" divides the others (messages per critical-section
// entry).
func measure[S, A any](m model.Model[S, A], ms []catalog.Measure[S], opts explore.Options) (*explore.Result, []catalog.Stat, error) {
	stats := make([]catalog.Stat, len(ms))
	units := -1
	for i, mm := range ms {
		stats[i].Name = mm.Name
		if mm.Name == "units" {
			units = i
		}
	}
	sums := make([]float64, len(ms))
	perSums := make([]float64, len(ms))
	perCount := make([]int, len(ms))
	res, err := explore.CheckVisit(m, opts, func(s S, v explore.Visited) {
		if !v.Final {
			return
		}
		u := 0
		if units >= 0 {
			u = ms[units].Of(s)
		}
		for i, mm := range ms {
			x := mm.Of(s)
			st := &stats[i]
			if st.Count == 0 || x < st.Min {
				st.Min = x
			}
			if st.Count == 0 || x > st.Max {
				st.Max = x
			}
			sums[i] += float64(x)
			if u > 0 && i != units {
				r := float64(x) / float64(u)
				if !st.HasPerUnit || r < st.PerUnitMin {
					st.PerUnitMin = r
				}
				if !st.HasPerUnit || r > st.PerUnitMax {
					st.PerUnitMax = r
				}
				st.HasPerUnit = true
				perSums[i] += r
				perCount[i]++
			}
			st.Count++
		}
	})
	if err != nil {
		return nil, nil, err
	}
	for i := range stats {
		if stats[i].Count > 0 {
			stats[i].Mean = sums[i] / float64(stats[i].Count)
			if stats[i].HasPerUnit {
				stats[i].PerUnitMean = perSums[i] / float64(perCount[i])
			}
		}
	}
	return res, stats, nil
}
