package ssl

import (
	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

// A Suite is a cipher suite. Both are unbroken in the model (cryptography
// is perfect); the weak one is only worse, as the 40-bit export suites of
// SSL were, so being moved to it is a downgrade.
type Suite uint8

// The cipher suites, strongest first.
const (
	Strong Suite = iota
	Weak
	numSuites
)

// String returns "strong" or "weak".
func (s Suite) String() string {
	if s == Strong {
		return "strong"
	}
	return "weak"
}

// Suites is a set of cipher suites, a bit set of Suite.
type Suites uint8

// Has reports whether s holds suite x.
func (s Suites) Has(x Suite) bool { return s>>x&1 == 1 }

// Strongest returns the strongest suite in s, and false when s is empty.
func (s Suites) Strongest() (Suite, bool) {
	for x := range numSuites {
		if s.Has(x) {
			return x, true
		}
	}
	return 0, false
}

// String formats the set as "strong,weak", "-" when empty.
func (s Suites) String() string {
	out := ""
	for x := range numSuites {
		if s.Has(x) {
			if out != "" {
				out += ","
			}
			out += x.String()
		}
	}
	if out == "" {
		return "-"
	}
	return out
}

// abbrev writes the set as in transcripts: "SW", "S", "W".
func (s Suites) abbrev() string {
	out := ""
	if s.Has(Strong) {
		out += "S"
	}
	if s.Has(Weak) {
		out += "W"
	}
	return out
}

// both is the set of both suites.
const both = Suites(1<<Strong | 1<<Weak)

// What each end supports: both suites, each.
const (
	clientSuites = both
	serverSuites = both
)

// The owners of public keys and names in certificates.
const (
	ownerS = 0 // the server: pk_S, the name "server"
	ownerM = 1 // the attacker, mallory: pk_M, the name "mallory"
)

// The pre-master secrets: the client's and the attacker's own.
const (
	secretC = 0 // pms_C
	secretM = 1 // pms_M
)

// The attacker's universe of terms (32):
//
//	0..7    cert(signer, name, pk): signer CA or M, name server or mallory, key pk_S or pk_M
//	8, 9    pms_C, pms_M: the pre-master secrets (knowing one is knowing its session key k)
//	10..13  {pms}pk: a pre-master secret encrypted under pk_S or pk_M
//	14..29  mac(k, role, transcript): a Finished under key k, by client or server, over one of
//	        the four transcripts (offer, chosen suite)
//	30, 31  {close}k: a close under key k
const (
	termPMS   dolevyao.Term = 8
	termEnc   dolevyao.Term = 10
	termMAC   dolevyao.Term = 14
	termClose dolevyao.Term = 30
	numTerms                = 32
)

// cert returns the certificate signed by signer (0: the authority, 1:
// mallory) binding name (ownerS: "server", ownerM: "mallory") to the key
// of owner pk.
func cert(signer, name, pk int) dolevyao.Term { return dolevyao.Term(4*signer + 2*name + pk) }

// The certificates the authority issued: the server's and the attacker's
// own (mallory is a legitimate holder of a certificate for its own name).
var (
	certServer  = cert(0, ownerS, ownerS)
	certMallory = cert(0, ownerM, ownerM)
)

// pms returns pre-master secret q (secretC or secretM).
func pms(q int) dolevyao.Term { return termPMS + dolevyao.Term(q) }

// enc returns pre-master secret q encrypted under the public key of pk.
func enc(pk, q int) dolevyao.Term { return termEnc + dolevyao.Term(2*pk+q) }

// The roles of a Finished.
const (
	roleClient = 0
	roleServer = 1
)

// A transcript is what Finished covers: the offer and the chosen suite,
// one of four (the chosen suite is always in the offer).
var transcripts = [...]struct {
	Offer Suites
	Suite Suite
}{{both, Strong}, {both, Weak}, {1 << Strong, Strong}, {1 << Weak, Weak}}

// transcript returns the index of (offer, suite), and false for a pair
// that no run can produce.
func transcript(offer Suites, suite Suite) (int, bool) {
	for i, t := range transcripts {
		if t.Offer == offer && t.Suite == suite {
			return i, true
		}
	}
	return 0, false
}

// mac returns the Finished of role over transcript t under the key of
// pre-master secret q.
func mac(q, role, t int) dolevyao.Term { return termMAC + dolevyao.Term(8*q+2*t+role) }

// closeTerm returns the close under the key of pre-master secret q.
func closeTerm(q int) dolevyao.Term { return termClose + dolevyao.Term(q) }

// derive1 is one step of the attacker's operations: it signs certificates
// with its own key, decrypts what is encrypted under pk_M, and with a
// pre-master secret it knows it encrypts it under either public key and
// computes every Finished and close under its session key (the key
// derivation and the MAC are public functions).
func derive1(k dolevyao.Knowledge) dolevyao.Knowledge {
	out := k.Add(pms(secretM))
	for name := range 2 {
		for pk := range 2 {
			out = out.Add(cert(1, name, pk))
		}
	}
	for q := range 2 {
		if k.Has(enc(ownerM, q)) {
			out = out.Add(pms(q))
		}
		if !k.Has(pms(q)) {
			continue
		}
		out = out.Add(enc(ownerS, q), enc(ownerM, q), closeTerm(q))
		for t := range transcripts {
			out = out.Add(mac(q, roleClient, t), mac(q, roleServer, t))
		}
	}
	return out
}

var (
	ownerNames = [2]string{"S", "M"}
	pmsNames   = [2]string{"C", "M"}
	nameNames  = [2]string{"server", "mallory"}
	roleNames  = [2]string{"client", "server"}
)

// termName names a term: "cert_CA(server=pk_S)", "pms_C",
// "{pms_C}pk_M", "mac(k_C,client,SW/S)" (the offer, then the suite chosen:
// S strong, W weak), "{close}k_C".
func termName(t dolevyao.Term) string {
	switch {
	case t < termPMS:
		signer := "CA"
		if t >= 4 {
			signer = "M"
		}
		return "cert_" + signer + "(" + nameNames[t/2%2] + "=pk_" + ownerNames[t%2] + ")"
	case t < termEnc:
		return "pms_" + pmsNames[t-termPMS]
	case t < termMAC:
		i := t - termEnc
		return "{pms_" + pmsNames[i%2] + "}pk_" + ownerNames[i/2]
	case t < termClose:
		i := t - termMAC
		tr := transcripts[i%8/2]
		return "mac(k_" + pmsNames[i/8] + "," + roleNames[i%2] + "," + tr.Offer.abbrev() + "/" + Suites(1<<tr.Suite).abbrev() + ")"
	}
	return "{close}k_" + pmsNames[t-termClose]
}

// knowledgeName names a term of knowledge k for traces, leaving out what
// k implies: the certificates mallory signs (shown once as
// "cert_M(*)"), and everything built from a pre-master secret k holds.
func knowledgeName(k dolevyao.Knowledge, t dolevyao.Term) string {
	switch {
	case t == cert(1, 0, 0):
		return "cert_M(*)"
	case t > cert(1, 0, 0) && t < termPMS:
		return ""
	case t >= termEnc && k.Has(pms(int(builtFrom(t)))):
		return ""
	}
	return termName(t)
}

// builtFrom returns the pre-master secret an encryption, a Finished or a
// close is built from.
func builtFrom(t dolevyao.Term) int {
	switch {
	case t < termMAC:
		return int(t-termEnc) % 2
	case t < termClose:
		return int(t-termMAC) / 8
	}
	return int(t - termClose)
}
