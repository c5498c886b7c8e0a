package bot

import "testing"

// A figure standing just after a name the question asks about is that
// name's figure; one far from it, one before it, or none at all is not.
// The entity is given as a question writes it and read as the engine
// reads it: its words, stemmed.
func TestFigureNearEntity(t *testing.T) {
	for _, tc := range []struct {
		text, entity string
		want         bool
	}{
		// Within three words after the name, in digits, money and percent.
		{"Stumpf made $19.3 million last year.", "Stumpf", true},
		{"Bayline, which employs 2,000 people, added crossings.", "Bayline", true},
		{"Bayline shares rose 6% on Monday.", "Bayline", true},
		{"Bayline shares rose 6 percent on Monday.", "Bayline", true},
		{"Shares of Bayline Ferries rose 6 percent on Monday.", "Bayline Ferries", true},
		{"The regulator said Harcourt paid €4.5m to settle.", "Harcourt", true},
		{"Harcourt was fined £185m by the regulator.", "Harcourt", true},
		// A word of magnitude is a figure too.
		{"Bayline keeps troves of data on its riders.", "Bayline", true},
		// An entity of two words: either word next to the figure counts,
		// in whatever case and with a possessive.
		{"The Port Authority assigned 40 welders to the work.", "Port Authority", true},
		{"PORT AUTHORITY'S 40 welders started on Monday.", "Port Authority", true},
		{"Marta Quenby earned $2 million.", "Marta Quenby", true},
		{"Quenby's pay rose $2 million.", "Marta Quenby", true},
		{"Bayline's 2,000 employees kept working.", "Bayline", true},
		// Four words or more after the name: someone else's figure.
		{"Bayline said on Monday that the tunnel carries 80,000 vehicles.", "Bayline", false},
		// The figure before the name is not the name's.
		{"About 5,300 employees were fired, Stumpf said.", "Stumpf", false},
		{"A 40 percent rise surprised Bayline.", "Bayline", false},
		// A year is a date, not a figure.
		{"Bayline was founded in 1962 by two brothers.", "Bayline", false},
		// No figure at all, or a figure with no name near.
		{"Bayline added four crossings an hour.", "Bayline", false},
		{"The tunnel carries 80,000 vehicles a day.", "Bayline", false},
		// No entity asked about.
		{"Stumpf made $19.3 million last year.", "", false},
		// Small words of a name ("Bank of America") say nothing about
		// whose figure it is: "a total of 5,000" is no one's.
		{"Regulators counted a total of 5,000 complaints.", "Bank of America", false},
		{"The firm paid the fine to the 12 states.", "The Port Authority", false},
		{"Bank of America paid $16.65 billion.", "Bank of America", true},
	} {
		entity := map[string]bool{}
		for _, w := range words(tc.entity) {
			entity[stem(w)] = true
		}
		if got := figureNearEntity(tc.text, entity); got != tc.want {
			t.Errorf("figureNearEntity(%q, %q) = %v, want %v", tc.text, tc.entity, got, tc.want)
		}
	}
}

// A list is told by its words or its commas, but the comma grouping a
// figure's digits lists nothing.
func TestCommaInAFigureIsNoList(t *testing.T) {
	for text, want := range map[string]bool{
		"The firm has deals with Keel Brothers, Rivet Works, Marlow Steel and Vane, the council said.": true,
		"Its services include photo sharing and messaging.":                                            true,
		"Its rival employs 3,000 drivers, twice as many as Corvane, according to union figures.":       false,
		"The fine of $1,250,000 was paid, the court said.":                                             false,
		"The bridge carries 80,000 vehicles a day.":                                                    false,
	} {
		if got := enumerates(text); got != want {
			t.Errorf("enumerates(%q) = %v, want %v", text, got, want)
		}
	}
}
