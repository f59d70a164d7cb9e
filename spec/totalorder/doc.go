// Package totalorder is total-order multicast by acknowledged proposals
// and commit times, as the text gives it in its section "Total order"
// (Chow and Johnson, Distributed Operating Systems and Algorithms, chapter
// 4, "Interprocess communication and coordination", under "Group
// communication and multicast", with its table of multicast messages,
// acknowledge times and commit times and its "Buffer management in the
// communication handler"): Skeen's protocol, the ABCAST of Birman and
// Joseph, "Reliable Communication in the Presence of Failures", ACM TOCS
// 5(1), 1987.
//
// # The protocol
//
// Every process is a member of one group and multicasts to it. Each keeps
// a logical clock C and a buffer. A sender multicasts m (Data); each
// member, the sender included, ticks its clock, puts m in its buffer as
// pending with the clock as its proposed time, and acknowledges with that
// time (Ack). When every proposal is in, the sender commits m at the
// largest and multicasts the commit time (Commit). A member marks m
// committed with that time and moves its clock past it. A member delivers
// the message first in its buffer by (time, id), times being commit times
// of committed messages and proposals of pending ones, when that message
// is committed; ties are broken by message id (sender, then sequence
// number). A pending proposal is a lower bound of the commit time to
// come, and a message not yet received will be proposed above the
// member's clock, so nothing can later be ordered before a delivered
// message.
//
// # Faults and what is abstracted
//
// The network reorders (Unordered, FIFO per channel or Duplicating) and
// may duplicate messages (the dup fault); a member ignores a Data, Ack or
// Commit it has already had. There is no loss and no crash: the protocol
// as the text gives it has no answer to either. A send is a step (the
// "send" timer) that may come between any two deliveries. The application
// is abstracted to each member's sequence of delivered messages.
//
// # Properties
//
// "same delivery order" (invariants.TotalOrder): every two members deliver
// the same messages in the same order, one possibly ahead. "integrity":
// every delivered message was sent, and no member delivers it twice.
// "deliveries linearizable as a log": each member's j-th delivery is an
// operation reading position j of one replicated log, checked by
// porcupine (invariants.DeliveryLog, LogHistory), an independent witness
// of the order property whose failure porcupine can draw (Spec.Viz).
// "every message eventually delivered" (liveness under the actor layer's
// weak fairness) and its witness "every message delivered everywhere". A
// state where everyone delivered everything is final; any other without
// a step is a deadlock.
//
// VariantEarlyDelivery is broken: it delivers the committed message with
// the smallest commit time even behind a pending one with a smaller
// proposal, which may still commit lower; "same delivery order" and
// "deliveries linearizable as a log" fail. `check table totalorder`
// prints a member's buffer (message, acknowledge time, commit time or
// pending, delivered) after each of its steps along a scripted run.
package totalorder
