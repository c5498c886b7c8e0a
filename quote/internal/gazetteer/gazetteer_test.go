package gazetteer

import "testing"

// TestKinds checks each kind of non-name on words a news story writes,
// and that names of people and organizations are none of them.
func TestKinds(t *testing.T) {
	for _, s := range []string{"Christmas Day", "Thanksgiving", "Election Day", "New Year's Eve", "Super Tuesday", "Black Friday", "Easter Sunday", "Fourth of July", "Memorial Day", "the Christmas holidays"} {
		if !Holiday(s) {
			t.Errorf("Holiday(%q) = false", s)
		}
	}
	for _, s := range []string{"Doris Day", "Martin Luther King", "Marla Quennet", "Black", "Election", "Goldman Sachs", "Good Morning America"} {
		if Holiday(s) {
			t.Errorf("Holiday(%q) = true", s)
		}
	}
	for _, s := range []string{"Iowa", "the Middle East", "Calif.", "New York City", "San Francisco", "Tokyo", "the United States", "U.S."} {
		if !Place(s) {
			t.Errorf("Place(%q) = false", s)
		}
	}
	for _, s := range []string{"Jordan", "Charlotte", "Austin", "Marla Quennet", "JPMorgan Chase", "Washington"} {
		if Place(s) {
			t.Errorf("Place(%q) = true", s)
		}
	}
	if !Country("Russia") || !Country("the United States") || Country("Iowa") || Country("Tokyo") {
		t.Error("Country: Russia and the United States are countries, Iowa and Tokyo not")
	}
	for _, w := range []string{"Dec.", "Sept", "Thursday", "Tues.", "Last", "week", "Tonight"} {
		if !DateWord(w) {
			t.Errorf("DateWord(%q) = false", w)
		}
	}
	for _, w := range []string{"Quennet", "Smith", "Day"} {
		if DateWord(w) {
			t.Errorf("DateWord(%q) = true", w)
		}
	}
	for _, w := range []string{"He", "I'm", "We’re", "They'll", "it's"} {
		if !Pronoun(w) {
			t.Errorf("Pronoun(%q) = false", w)
		}
	}
	for _, w := range []string{"Helen", "Theyson", "O'Brien"} {
		if Pronoun(w) {
			t.Errorf("Pronoun(%q) = true", w)
		}
	}
}

// TestDemonym checks the words for peoples, regular and irregular, and
// that names and common words are not taken for one.
func TestDemonym(t *testing.T) {
	for _, w := range []string{"Mexican", "American", "Chinese", "Iraqi", "Canadian", "Italian", "Texan", "Iowan", "Syrian", "British", "French", "Hispanic", "Japanese", "Vietnamese", "Ukrainian"} {
		if !Demonym(w) {
			t.Errorf("Demonym(%q) = false", w)
		}
	}
	for _, w := range []string{"Obama", "Warren", "Jordan", "Roman", "Christian", "Brian", "Southern", "Latin", "Senate", "Texas", "Mexico"} {
		if Demonym(w) {
			t.Errorf("Demonym(%q) = true", w)
		}
	}
}
