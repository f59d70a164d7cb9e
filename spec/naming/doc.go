// Package naming models name resolution in a distributed directory: a
// directory information tree (DIT) cut into five naming contexts held by
// three directory service agents (DSAs), a directory user agent (DUA), and
// the knowledge references by which a DSA that does not hold a name finds
// one that does. Resolution is by recursive chaining, transitive chaining
// or referral, with optional caches at the DSAs, over a network that may
// lose messages.
//
// # Source
//
// The text's section "Name and Directory Services" (shared/seed; Chow and
// Johnson, Distributed Operating Systems and Algorithms, Addison-Wesley
// 1997, chapter 4): "Name space and information base" (its figure "Five
// naming contexts of Directory Info Tree in three Directory Service
// Agents"), "Name resolution" (recursive chaining, transitive chaining,
// referral) and its "Points of comparison": simplicity at the DUA,
// stateless DSA (with regard to requests), ability of a DSA to cache,
// message efficiency, response time at the DUA. The directory model is
// X.500's: CCITT Recommendation X.501 (The Directory: Models) and X.518 |
// ISO/IEC 9594-4 (The Directory: Procedures for Distributed Operation),
// Melbourne 1988: naming contexts, subordinate and superior knowledge
// references, chaining and referral, and loop detection by the trace of
// DSAs a chained request carries (X.518, "Looping").
//
// The text's file holds only the figure's caption, not its drawing, so the
// tree below is a reconstruction in X.518's style: five contexts, three
// DSAs, one DSA holding two contexts that do not touch, and a name two
// references away from the DUA's DSA.
//
// # The directory
//
//	(root)                                    context A  DSA1
//	 ├── c=us                                 context A  DSA1
//	 │    ├── o=univ                          context B  DSA2
//	 │    │    ├── ou=cs                      context C  DSA3
//	 │    │    │    └── cn=alice              context C  DSA3
//	 │    │    └── cn=bob                     context B  DSA2
//	 │    └── o=acme                          context D  DSA3
//	 │         └── cn=carol                   context D  DSA3
//	 └── c=uk                                 context E  DSA2
//	      └── cn=dave                         context E  DSA2
//
// Contexts and holders: A (the root context: c=us) at DSA1; B (o=univ,
// cn=bob) and E (c=uk, cn=dave) at DSA2; C (ou=cs, cn=alice) and D
// (o=acme, cn=carol) at DSA3.
//
// Knowledge references, derived from the contexts (knowledgeOf):
//
//	DSA1: subordinate  o=univ -> DSA2, o=acme -> DSA3, c=uk -> DSA2
//	DSA2: subordinate  ou=cs -> DSA3;   superior -> DSA1
//	DSA3: superior -> DSA1
//
// A DSA resolves a name by its knowledge alone: in the deepest context it
// holds above the name, a subordinate reference deeper still passes the
// request on; otherwise it answers from its own entries (the entry, or an
// authoritative not-found); a name under no context it holds goes to its
// superior reference. The DUA (p0) is bound to DSA1 (p1); DSA2 and DSA3
// are p2 and p3. The queries ask for cn=alice (c=us/o=univ/ou=cs/cn=alice:
// DSA1 -> DSA2 -> DSA3) and cn=zed (c=us/o=univ/cn=zed: DSA1 -> DSA2,
// which answers not-found), in turn.
//
// # Resolution
//
//   - Recursive chaining: a DSA passes the request on and remembers it; the
//     answer comes back along the chain, each DSA relaying it to whom it
//     remembered. DUA -> 1 -> 2 -> 3 -> 2 -> 1 -> DUA for cn=alice.
//   - Transitive chaining: a DSA passes the request on and forgets it; the
//     DSA that resolves the name answers the DUA (whose address the request
//     carries: there is one DUA, p0). DUA -> 1 -> 2 -> 3 -> DUA.
//   - Referral: a DSA that cannot resolve the name answers the DUA with the
//     DSA to ask next; the DUA asks it. DUA -> 1 -> DUA -> 2 -> DUA -> 3 -> DUA.
//
// Every DSA that passes a request on (or refers it) adds itself to the
// request's trace, a set of DSAs; with loop detection, a DSA that finds
// itself in the trace answers with a loop error. With caching on, a DSA
// keeps every entry and not-found it relays and answers later requests for
// that name from its cache; only recursive chaining brings answers back
// through the DSAs, so in the other modes the caches stay empty (the text's
// "ability of DSA to cache").
//
// Loss: a dropped message (the fault budget "drop") ends the attempt it
// belongs to. When messages may be dropped, the DUA sets a retry timer with
// each request and retransmits the request of the current step when it
// fires, up to Config.Retries times per step, each copy a new attempt that
// DSAs do not merge with the others (so one drop cannot take two attempts).
// A timer may fire at any time (there is no clock), so premature
// retransmissions are checked too. Every query is answered whenever the
// drop budget is at most the retries; with fewer retries than drops a lost
// request is never answered (a deadlock). Without drops the DUA sets no
// timer. Duplication ("dup") is harmless: DSAs remember requests as a set
// and the DUA takes the first answer of a step.
//
// # Variants
//
// VariantCorrect is the directory above. VariantLoopDetected misconfigures
// DSA2's reference for context C to name DSA1: DSA1 sends names under C to
// DSA2 and DSA2 sends them back, and loop detection ends the query with a
// loop error. VariantLoop is the same loop without loop detection: the
// request for cn=alice goes round DSA1 and DSA2 for ever, "every query
// answered" fails with a lasso, and "loop detection" fails at the first
// DSA that passes on a request whose trace names it.
//
// # Properties
//
// "answer right": every answer the DUA has is the right one, computed from
// the DIT itself and not from the DSAs: the entry for a name in the DIT,
// not-found for a name not in it, and a loop error only where the
// knowledge references for the name form a loop (and detection is on).
// "cache right": every cached answer is what the DIT says. "loop
// detection": a DSA that sees its own name in a request's trace ends the
// query with a loop error (it never passes such a request on). "every
// query answered": liveness under the actor layer's weak fairness. "reference
// followed" (sometimes): a DSA chains or refers a request. "entry found",
// "not-found answered", "loop error answered" (sometimes): present when the
// configuration's queries should get such an answer.
//
// # Measures
//
// Per query (the catalogue's unit), read off final states: "messages"
// (every message sent, late copies and retransmissions included), "hops"
// (the messages on the path of the attempt whose answer the DUA takes,
// from the DUA's request through every referral: its response time in
// message delays; a retransmission's path starts at the retransmission,
// the wait for the timer is not counted), "dua requests" (the DUA's work)
// and "remembered" (the most requests one DSA held at once while they were
// outstanding: each DSA keeps its running maximum, so the largest value
// over the final states is the maximum over every reachable state from
// which the run can end). `check table naming` prints them per mode with
// caches off and on. Under loss a DSA in recursive chaining keeps a
// request whose answer was lost for ever (the model gives DSAs no timeout
// to forget it), so what it remembers grows with the DUA's retries. The
// counters are ghost state: the protocol never reads them. In VariantLoop
// they are not kept: a request that goes round for ever would make them
// grow without bound, and the state space infinite.
//
// Abstracted away: attributes, search and modify operations (a query reads
// one name), replication and shadowing, DSA crashes, the DUA's own cache,
// and cross references.
package naming
