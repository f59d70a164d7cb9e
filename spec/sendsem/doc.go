// Package sendsem models the text's send primitives: one sender and one
// receiver, the eight numbered steps of a send, and the five primitives
// that release the sender after different subsets of them. The checker
// decides, for each primitive, what the sender knows at the moment it is
// released, and package catalog's table prints it (`check table sendsem`).
//
// Source: the text's section "Message buffering and synchronization"
// (chapter 4, "Interprocess communication and coordination", of Chow and
// Johnson, Distributed Operating Systems and Algorithms, Addison-Wesley,
// 1997); the synchronous/asynchronous send and remote-procedure-call
// classification it refines is that of G. R. Andrews and F. B. Schneider,
// "Concepts and Notations for Concurrent Programming", ACM Computing
// Surveys 15(1), 1983.
//
// # The model
//
// Two hosts are actors (package model/actor): p0 is the sender process
// with its kernel, p1 the receiver's kernel with the receiver process.
// The steps, numbered as in the text:
//
//	1 the message is copied to the sender's kernel     timeout p0 1-copy
//	2 the sender's kernel transmits it                 timeout p0 2-transmit
//	3 it arrives at the receiver's kernel              deliver p0->p1 Data
//	4 the kernel delivers it to the receiver process   timeout p1 4-deliver
//	  (request and reply: the receiver serves it)      timeout p1 service
//	5 the process acknowledges delivery to its kernel  timeout p1 5-delivery-ack
//	6 the kernel sends the acknowledgement             timeout p1 6-kernel-ack
//	7 the acknowledgement arrives                      deliver p1->p0 Ack (or Reply)
//	8 the sender process is released                   timeout p0 8-release
//
// A local step (1, 2, 4, 5, 6, 8, the service) is a timer of the actor
// layer, set when the step becomes possible and fired at any later moment
// (weakly fairly): the actor layer's only internal step. Only steps 2-3
// and 6-7 cross the network, so only they can be lost.
//
// The primitives (-primitive) release the sender after the text's lists:
// nonblocking 1+8, blocking 1+2+7+8, reliable blocking 1+2+3+6+7+8,
// explicit blocking 1..8, request and reply 1-4, service, 5-8. A message
// released early still travels: after a nonblocking release the kernel
// transmits it (2), and every primitive's message arrives (3) and is
// delivered (4) in a fault-free run. For the blocking send, step 7 is the
// network interface reporting that the message has left (the text:
// "released after message has been transmitted to the network"), a local
// step; for the others it is the receiver kernel's Ack (or the Reply)
// arriving. In request and reply, steps 5 to 8 carry the reply: the
// process hands it to its kernel (5), which sends it (6).
//
// Faults are the actor layer's budgets: drop (a Data, Ack or Reply lost),
// crash of either host (the sender or the receiver), for good: the spec
// accepts no restart. A crashed host keeps the record of the steps it
// took, which only the properties read. The text's primitives do not
// retransmit, so after a fault a waiting sender may wait forever: the
// model accepts such a state as an end (Config.Final), and the liveness
// property "sender eventually released" tells which primitives can block.
//
// Abstracted away: the message's contents, buffers and their sizes, the
// receive primitive's own blocking (the receiver process takes the
// message whenever its kernel has it), and wall-clock timeouts.
//
// # Guarantees and claims
//
// A guarantee is a fact about the past that the sender may rely on when
// released: copied to the sender's kernel (step 1 happened), on the wire
// (2), in the receiver's kernel (3), taken by the receiver process (4),
// processed with a reply (the service ran and its reply reached the
// sender's kernel), and "never blocks" (liveness: the sender is released
// despite loss and a receiver crash, unless it crashed itself). A claimed
// guarantee is a property, "released implies in receiver kernel" and so
// on, checked in every state, so at the moment of release; facts about
// the past stay true, so a later state cannot hide a violation. -claim
// honest claims what the primitive's steps give (Primitive.Gives); -claim
// G claims G besides. The broken variants claim one guarantee more than
// their primitive gives and must violate exactly that property; the
// honest ones verify under drop=1,crash=1. The table runs every primitive
// with every claim.
//
// # Other properties
//
// "steps in the text's order": every step taken after its predecessors
// in the primitive's chain. "released after the primitive's steps": the
// release comes after every step in the text's list. "released after
// exactly the primitive's steps" (sometimes): some run releases the
// sender after its list and nothing more, so the lists are exact.
// "fault-free runs release the sender" and "fault-free runs deliver the
// message": liveness, satisfied by a fault.
package sendsem
