// Package ssl is the SSL handshake under an active attacker, with
// symbolic cryptography. It follows the text's section "Secure Socket
// Layer protocol" (Chow and Johnson, Distributed Operating Systems and
// Algorithms, chapter 4, "Interprocess communication and coordination"):
// the server accepts the connection, selects a
// cipher suite both can use and sends its public key in a certificate
// signed by an authority; the client verifies the certificate; both
// exchange public information to establish a shared secret and initialize
// the hash key and the session key; either side may close. Sources:
// Freier, Karlton and Kocher, "The SSL Protocol Version 3.0" (Netscape,
// 1996; RFC 6101); Wagner and Schneier, "Analysis of the SSL 3.0 Protocol"
// (USENIX Workshop on Electronic Commerce, 1996), for the cipher-suite
// rollback that Finished prevents; Mitchell, Shmatikov and Stern,
// "Finite-State Analysis of SSL 3.0" (USENIX Security Symposium, 1998),
// the same kind of analysis with Murφ.
//
// # The handshake
//
// Three processes: the client p0, the server p1 and the attacker p2,
// which is the network (package spec/internal/dolevyao); channels are FIFO,
// as TCP is:
//
//	p0 -> p1  ClientHello(offer)                 both suites, strong and weak
//	p1 -> p0  ServerHello(suite, cert_CA(server=pk_S))
//	p0 -> p1  KeyExchange({pms_C}pk)             pk from the certificate
//	p0 -> p1  Finished(mac(k_C,client,offer/suite))
//	p1 -> p0  Finished(mac(k_C,server,offer/suite))
//	either    Close({close}k_C)
//
// The server chooses the strongest suite in the offer that it supports
// (both, here). The client checks that the suite was offered and verifies
// the certificate: signed by the authority, for the name "server". The
// session key and the hash key are derived from the pre-master secret
// (pms_C), so knowing pms_C is knowing both. Each end checks the other's
// Finished over its own transcript (the offer and the chosen suite) and is
// then OPEN; an open end may close at any time (a timer) and an open end
// that receives a Close under its key is CLOSED. A message an end does not
// accept is ignored (an over-approximation of an alert: the end keeps
// waiting).
//
// # Symbolic cryptography and the attacker
//
// Terms are symbols: certificates cert_X(name=pk) signed by the authority
// or by mallory, pre-master secrets, {pms}pk, MACs and closes (32 terms,
// see terms.go). A term is opened only with its key: the attacker learns
// pms_C only from {pms_C}pk_M. It holds a certificate for its own name
// from the authority (cert_CA(mallory=pk_M)), can sign any certificate
// with its own key, knows its own pre-master secret pms_M and so can run a
// handshake with the server as a client, and computes every MAC and close
// under a key it knows. It reads every message, forwards or drops it, and
// may inject up to -attacker messages (dolevyao.Intruder); its knowledge is
// a field of every state of a trace. Both suites are unbroken; the weak
// one is merely worse, so the attack on it is the downgrade itself.
//
// Abstracted away: nonces and the key derivation's inputs other than the
// pre-master secret (one connection per run, so freshness plays no part),
// the certificate in the Finished transcript (a verified certificate can
// only be the server's), application data, and resumption.
//
// # Properties and variants
//
// "secrecy": the attacker never learns pms_C. "server authentication":
// the client's peer is the server: a client that completed the handshake
// sent pms_C under pk_S. "suite agreement": when both ends complete with
// the same key, both use the strongest suite both support. "handshake
// completes" and "connection closed" (sometimes). VariantNoVerify (the
// client takes any certificate) lets the attacker read the client's key
// and impersonate the server; VariantNoFinished (no Finished) lets it
// rewrite the offer or the server's choice: the ends complete with
// different suites or with the weak one. A run in which the attacker
// neither drops nor injects ends with both ends CLOSED (the deadlock
// check).
package ssl
