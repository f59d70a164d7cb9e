package twopc

import (
	"github.com/protocheck/protocheck/model/actor"
)

// A Kind is the type of a message.
type Kind uint8

// The messages of the protocol (the text's names in parentheses).
const (
	Prepare     Kind = iota // coordinator -> participants: vote on the transaction (VOTE_REQUEST)
	VoteYes                 // participant -> coordinator: prepared to commit (VOTE_COMMIT)
	VoteNo                  // participant -> coordinator: will not commit (VOTE_ABORT)
	Commit                  // the decision commit, from the coordinator or a peer (GLOBAL_COMMIT)
	Abort                   // the decision abort, from the coordinator or a peer (GLOBAL_ABORT)
	DecisionReq             // a READY participant asks for the decision (DECISION_REQUEST)
)

var kindNames = [...]string{"Prepare", "VoteYes", "VoteNo", "Commit", "Abort", "DecisionReq"}

// A Msg is a message of the protocol. There is one transaction, so a
// message is just its kind; the channel carries sender and receiver.
type Msg struct {
	Kind Kind
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind)) }

// String returns the message's name.
func (m Msg) String() string {
	if int(m.Kind) < len(kindNames) {
		return kindNames[m.Kind]
	}
	return "Msg?"
}

// permuteMsg implements actor.Config.PermuteMsg: messages hold no ids.
func permuteMsg(m Msg, _ []actor.ID) Msg { return m }
