// Package socket models the text's socket sections as two small state
// machines, one request and one reply between a server (p0) and a client
// (p1), in either mode (-mode):
//
//   - connection-oriented ("Connection-oriented socket communication"):
//     the server calls socket, bind, listen, accept, read (one call per
//     segment of the request), write (the reply) and close; the client
//     calls socket, connect, write (one call per segment), read and close;
//   - connectionless ("Connectionless socket communication"): the server
//     calls socket, bind, recvfrom (one per datagram of the request) and
//     sendto (the reply); the client calls socket, bind, sendto (one per
//     datagram) and recvfrom. The text lists no close here: a datagram
//     client is done once recvfrom returns its reply.
//
// Source: the text's sections on connectionless and connection-oriented
// socket communication (chapter 4 of Chow and Johnson, Distributed
// Operating Systems and Algorithms, Addison-Wesley, 1997); the calls are
// those of 4.2BSD's interprocess communication, S. J. Leffler, R. S. Fabry
// and W. N. Joy, "A 4.2BSD Interprocess Communication Primer" (University
// of California, Berkeley, 1983), and W. R. Stevens, UNIX Network
// Programming (Prentice Hall, 1990), chapter 6.
//
// # The model
//
// The two processes are actors (package model/actor). A call is a local
// step: a timer of the actor layer named after the call ("timeout p0
// accept" is accept returning), set once the call can return (accept
// when a connection is established, read when data or end of file is
// there, recvfrom when a datagram is there; the server's close when the
// client's Fin says the reply was received, as the text's "Server
// terminates connection when reply is received") and fired at any later
// moment, weakly fairly. Each endpoint's kernel is part of its actor: a
// receive buffer (segments in arrival order), the connection state, and
// the peer's Fin.
//
// On a connection, connect sends Connect; the server's kernel answers
// Connected once the server listens (the handshake), and accept then
// takes the established connection. Since the text has the server start
// first, a Connect (or a datagram) that arrives before listen (or bind)
// waits in the server's kernel rather than being refused. Segments and
// datagrams are numbered; a read takes the oldest buffered one. Close
// sends Fin (unless the peer closed first); a read on an empty buffer
// after the peer's Fin returns end of file; a closed endpoint discards
// what arrives.
//
// The model takes a connection's reliability and order from the network:
// no retransmission or sequencing is modelled, so a connection is
// reliable when the network is (-network fifo, no drop), which is the
// assumption the text's connection-oriented service rests on.
//
// Faults: message loss (the actor layer's drop budget), and a peer that
// closes early (-close-early 1): at each of its calls after accept (or
// bind) and before its reply, the server may close instead
// (a nondeterministic choice, labelled "[close early]").
//
// Abstracted away: addresses and ports (one server, one client), byte
// streams (a segment is a unit), buffer sizes, the listen backlog, and
// wall-clock time.
//
// # Properties
//
// Connection: "nothing read before accept or connect" (the server reads
// only after accept, the client only once connect completed); "client
// closes only after reply or EOF" (the text's client terminates when its
// reply is received; when the server closed early, on end of file); "no
// data lost on a connection" (each end reads exactly the segments its
// peer wrote, in order, and end of file only after all of them); "reply
// received" (sometimes); "eventual reply" and "client eventually closes"
// (liveness). Connectionless: "nothing received before bind", "reply
// received", "eventual reply". Both modes declare their end (both
// processes finished), so a process blocked for good is a deadlock.
//
// The variants: VariantConnection verifies over a reliable FIFO network;
// VariantConnectionless has one loss by default (drop=1), and its request
// may never be answered ("eventual reply" fails, and the client blocks in
// recvfrom: a deadlock); with -faults none it verifies.
// VariantServerClosesEarly fails "eventual reply" only: the client still
// closes. VariantConnectionLossy shows that "no data lost" rests on the
// network.
package socket
