package bot

import (
	"slices"
	"testing"
	"time"

	"github.com/privacybot/privacybot/corpus"
)

func TestArticleDateFromHeaderOrByline(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"h.txt", "Title: X\nDate: 2024-05-02\n\nBody text here.\n", "2024-05-02"},
		{"p.txt", "Published: Wed, August 08, 2018\nEconomy | By Melissa Porter\n\nBody.\n", "2018-08-08"},
		{"b.txt", "A headline\n\nBy Jane Roe | 8 March 2021\n\nBody text of the story.\n", "2021-03-08"},
		{"d.txt", "A headline\n\nMarch 9, 2021 — Body text of the story, which goes on.\n", "2021-03-09"},
	} {
		got, ok := articleDate(corpus.ParseSource(tc.name, tc.text))
		if !ok || got.Format("2006-01-02") != tc.want {
			t.Errorf("%s: got %v %v, want %s", tc.name, got, ok, tc.want)
		}
	}
	if _, ok := articleDate(corpus.ParseSource("n.txt", "A headline\n\nNo date anywhere in this text.\n")); ok {
		t.Error("an undated article was given a date")
	}
}

func TestRelativeTimesResolveAgainstTheArticleDate(t *testing.T) {
	ref := time.Date(2018, 8, 8, 0, 0, 0, 0, time.UTC) // a Wednesday
	for _, tc := range []struct{ sentence, phrase, want string }{
		{"The talks began a year ago, people said.", "a year ago", "2017-08-08"},
		{"Shares plummeted last week after the report.", "last week", "2018-08-01"},
		{"The Journal reported on Monday that talks continue.", "on Monday", "2018-08-06"},
		{"The company said yesterday it would appeal.", "yesterday", "2018-08-07"},
		{"It was fined on March 3, 2017 by the regulator.", "March 3, 2017", "2017-03-03"},
		{"The app launched in 2016 in Europe.", "in 2016", "2016-01-01"},
		{"Two years ago the bank was hacked.", "Two years ago", "2016-08-08"},
	} {
		ws := timesIn(tc.sentence, ref, true)
		if len(ws) == 0 || ws[0].phrase != tc.phrase || ws[0].at.Format("2006-01-02") != tc.want {
			t.Errorf("%q: got %+v, want %q at %s", tc.sentence, ws, tc.phrase, tc.want)
		}
	}
	if ws := timesIn("Privacy groups welcomed the fine.", ref, true); len(ws) != 0 {
		t.Errorf("found times in a sentence with none: %+v", ws)
	}
}

func TestRelatedTermsTable(t *testing.T) {
	for _, pair := range [][2]string{{"stock", "shares"}, {"fell", "plummeted"}, {"data", "information"}, {"penalized", "fine"}, {"agreed", "settled"}} {
		a, b := stem(pair[0]), stem(pair[1])
		if pair[0] == "agreed" {
			continue // not related: checked below as a stemming case
		}
		if !slices.Contains(related[a], b) {
			t.Errorf("%s is not related to %s (stems %s, %s)", pair[0], pair[1], a, b)
		}
	}
	if stem("agreed") != stem("agrees") {
		t.Errorf("agreed and agrees stem apart: %s, %s", stem("agreed"), stem("agrees"))
	}
	if slices.Contains(related[stem("stock")], stem("give")) {
		t.Error("related terms are joined transitively: stock meets give through share")
	}
}

func TestAcronymsOfNames(t *testing.T) {
	got := acronyms("The Information Commissioner's Office fined the Federal Trade Commission, and the Department of Justice agreed.")
	for _, want := range []string{"ico", "ftc", "doj"} {
		if !slices.Contains(got, want) {
			t.Errorf("acronyms = %v, want %s among them", got, want)
		}
	}
}
