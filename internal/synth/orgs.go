package synth

import "strings"

var orgHeads = strings.Fields(`Blue North Silver Iron Crest Harbor Stone Bright Clear Red Green Oak Pine Swift Summit River Star Sun Cedar Maple Falcon Eagle Granite Copper Amber Coral Frost Ember Willow Aspen Birch Hollow Arrow Beacon Anchor`)

var orgTails = strings.Fields(`wind field gate bridge line point wave light path core view rock peak stream`)

var orgKinds = []struct{ Kind, Noun string }{
	{"Bank", "bank"}, {"Financial", "lender"}, {"Payments", "payments company"},
	{"Telecom", "telecoms operator"}, {"Health", "health insurer"}, {"Analytics", "data broker"},
	{"Insurance", "insurer"}, {"Networks", "social network"}, {"Labs", "technology company"},
	{"Capital", "investment firm"}, {"Mobile", "mobile operator"}, {"Systems", "software maker"},
	{"Retail", "retailer"}, {"Energy", "energy supplier"},
}

var legalSuffixes = []string{"Inc.", "plc", "Group", "Holdings", "Corp."}

// org is an organization of the pool, with the names articles call it by.
type org struct {
	Name  string // "Northwind Bank"
	Short string // "Northwind"
	Legal string // "Northwind Bank Inc."
	Noun  string // "bank"
	idx   int
}

// orgPool returns one organization per head×tail pair (about 500), each of
// one kind, so that the short alias is unambiguous.
func orgPool() []org {
	var out []org
	for i, h := range orgHeads {
		for j, t := range orgTails {
			short := h + t
			k := orgKinds[(i*7+j*3)%len(orgKinds)]
			name := short + " " + k.Kind
			out = append(out, org{
				Name:  name,
				Short: short,
				Legal: name + " " + legalSuffixes[(i+j)%len(legalSuffixes)],
				Noun:  k.Noun,
				idx:   len(out),
			})
		}
	}
	return out
}

// alias returns one of the names of o, the full name most often.
func (o org) alias(r *rng) string {
	switch x := r.intn(10); {
	case x < 6:
		return o.Name
	case x < 9:
		return o.Short
	default:
		return o.Legal
	}
}

// Aliases returns every organization of the pool as its canonical name and
// the other names articles use for it.
func Aliases() map[string][]string {
	m := map[string][]string{}
	for _, o := range orgPool() {
		m[o.Name] = []string{o.Short, o.Legal}
	}
	return m
}
