package protocols

import (
	"github.com/protocheck/protocheck/explore"
	"github.com/protocheck/protocheck/model"
)

// reproduction decides, with the typed model at hand, whether a replayed
// trace still shows what its file claims (see explore.Reproduce). An error
// means the claim is malformed or does not fit the model: exit 2.
func reproduction[S, A any](m model.Model[S, A], claim explore.Claim, tr *model.Trace) (bool, string, error) {
	rep, err := explore.Reproduce(m, claim, tr)
	if err != nil {
		return false, "", err
	}
	return rep.Reproduces, rep.Reason, nil
}
