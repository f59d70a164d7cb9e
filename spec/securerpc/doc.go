// Package securerpc is the Diffie-Hellman key agreement of Secure RPC
// under an active attacker. It follows the text's section "Secure RPC"
// (Chow and Johnson, Distributed Operating Systems and Algorithms,
// chapter 4, "Interprocess communication and coordination"): C_p = α^C_s mod M and S_p = α^S_s mod M are public, and
// both ends derive SK_cs = S_p^C_s = α^(S_s*C_s) = C_p^S_s = SK_sc mod M.
// Sources: Diffie and Hellman, "New Directions in Cryptography" (IEEE
// Transactions on Information Theory 22(6), 1976); Taylor and Goldberg,
// "Secure Networking in the Sun Environment" (USENIX Summer Conference,
// 1986) and RFC 1057, section 9.3 ("DES Authentication"), for the
// directory of public keys; Dolev and Yao, "On the Security of Public Key
// Protocols" (IEEE Transactions on Information Theory 29(2), 1983), for the
// attacker.
//
// # The session
//
// Three processes: the client p0, the server p1 and the attacker p2,
// which is the network (package spec/internal/dolevyao):
//
//	p0 -> p1  ClientHello(C_p)
//	p1 -> p0  ServerHello(S_p, {ok}SK_sc)   the server's verifier under its key
//	p0 -> p1  Call({call}SK_cs)             the first call under the client's key
//
// The client is DONE once it has checked the verifier and sent its call;
// the server is DONE once the call decrypts under its key. In
// VariantAuthenticated (the default) each end takes its peer's public
// value from a directory both trust, as Sun's Secure RPC takes it from the
// publickey map: a Hello carrying another value is refused, and the
// attacker, who can read the directory, cannot change it. In
// VariantUnauthenticated the public values are taken from the network,
// and the attacker is a man in the middle: it sends its own values (or
// α itself) to each end and holds a key with each.
//
// # Arithmetic and symbols
//
// M is a small prime (5, 7, 11 or 13; α = 2, or 3 for 7) and the secrets
// are parameters (-secrets C_s,S_s,E_s, each in 1..M-2), so every secret
// can be enumerated by running the model for each; the tests do so. The
// ends compute with numbers, as the text writes it: each raises the
// number it received to its secret mod M, and the traces print the
// numbers ("key=g^cs=7"). The attacker's knowledge is symbolic: a group
// element is named by its exponent, a product of the secrets (Elem), and
// an element is known only when derived from known elements by
// exponentiation with a known exponent (its own E_s). With M this small
// every number is guessable, and two different elements may have the same
// number; the 128-bit secrets of the text are not guessable, and the
// symbols model that. Agreement compares both the symbols and the numbers
// (the numbers check the text's identity for the configured secrets).
//
// The attacker (dolevyao.Intruder) reads every message, forwards or drops
// it, and may inject up to -attacker messages built from its knowledge:
// Hellos with any element it knows, and payloads sealed under any element
// it knows or seen on the wire (replay). Its knowledge is a field of the
// state that traces print at each step: "knows {g, g^c, g^e, g^ce}".
// Injected messages that an end refuses in every state are not offered
// (they are no-ops).
//
// Abstracted away: the conversation key and timestamps of Sun's protocol
// (the DH key itself is the session key, and one call confirms it), and
// more than one session (the secrets are long-term keys, as in Sun's).
//
// # Properties
//
// "agreement": once both ends are DONE they hold the same key. "secrecy":
// the attacker knows no key an end holds. "authentication": each end's
// peer is the other: any key an end holds is α^(C_s*S_s), derived with its
// peer's secret (the client's key with the server's). "session key
// agreed" (sometimes): both ends DONE with the same key. A run in which
// the attacker neither drops nor injects ends with both ends DONE (the
// deadlock check).
package securerpc
