package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privacybot/privacybot/corpus"
)

func loadArticle(t *testing.T, name string) *corpus.Source {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return corpus.ParseSource(name, string(b))
}

// checkQuote asserts the invariants every extracted quote must hold.
func checkQuote(t *testing.T, src *corpus.Source, q Quote) {
	t.Helper()
	if q.Start < 0 || q.End > len(src.Text) || q.Start >= q.End {
		t.Fatalf("quote %q has bad offsets [%d,%d)", q.Text, q.Start, q.End)
	}
	if src.Text[q.Start:q.End] != q.Text {
		t.Fatalf("quote text %q != source[%d:%d] %q", q.Text, q.Start, q.End, src.Text[q.Start:q.End])
	}
	if q.Paragraph < 0 || q.Paragraph >= len(src.Paragraphs) {
		t.Fatalf("quote %q: paragraph %d out of range", q.Text, q.Paragraph)
	}
	p := src.Paragraphs[q.Paragraph]
	if q.Start < p.Start || q.End > p.End {
		t.Fatalf("quote %q [%d,%d) crosses paragraph %d [%d,%d)", q.Text, q.Start, q.End, q.Paragraph, p.Start, p.End)
	}
}

// TestExtractArticles checks the quotes of hand-written articles with
// varied attribution styles: titles, pronouns, split quotes, statements,
// appositives, single quotation marks and a multi-paragraph quote.
func TestExtractArticles(t *testing.T) {
	type want struct{ text, speaker, role, org string }
	tests := []struct {
		file     string
		quotes   []want
		silences []want // text is the Kind here
	}{
		{"ico_fine.txt", []want{
			{"failed to take basic steps", "John Edwards", "Information Commissioner", "Information Commissioner's Office"},
			{"People trusted Brightcart with their card details, and that trust was let down,", "John Edwards", "Information Commissioner", "Information Commissioner's Office"},
			{"There is no excuse for leaving a door this wide open.", "John Edwards", "Information Commissioner", "Information Commissioner's Office"},
			{"deeply regrets", "", "", "Brightcart"},
			{"We have since rebuilt our payment systems from the ground up and brought in independent auditors,", "", "", "Brightcart"},
			{"We accept the ICO's findings in full,", "Maria Lopez", "spokeswoman", "Brightcart"},
			{"This is the biggest penalty for a retailer so far this year,", "Tom Hughes", "director", "Privacy First"},
			{"Other firms should take note.", "Tom Hughes", "director", "Privacy First"},
		}, []want{
			{"declined to comment", "", "", "Information Commissioner's Office"},
			{"did not respond to a request for comment", "", "", "Visa"},
		}},
		{"ftc_settlement.txt", []want{
			{"Consumers should not have to wonder whether their most sensitive data is being sold behind their backs,", "Lina Khan", "Chair", "Federal Trade Commission"},
			{"would never be shared with third parties.", "", "", "StrideLabs"},
			{"We made mistakes,", "Ravi Menon", "chief executive", "StrideLabs"},
			{"We have ended every one of those advertising partnerships, and we have deleted the data.", "Ravi Menon", "chief executive", "StrideLabs"},
			{"This case shows that health data deserves special care,", "Priya Raman", "lawyer", "Electronic Frontier Foundation"},
			{"Apps that are not covered by HIPAA still owe people honesty.", "Priya Raman", "lawyer", "Electronic Frontier Foundation"},
		}, []want{
			{"declined to comment", "", "", "Google"},
		}},
		{"hospital_breach.txt", []want{
			{"Patient care continued without interruption. At no point were surgeries cancelled because of this attack.", "Dr. Helen Park", "chief information officer", ""},
			{"What the attackers reached was an administrative file server, and we shut it down within hours of noticing the intrusion,", "Dr. Helen Park", "chief information officer", ""},
			{"The group behind this attack has hit at least a dozen health systems this year,", "", "spokesman", "Northgate Cyber"},
			{"I got a letter three weeks after it happened,", "Carla Jimenez", "", ""},
			{"Why did it take them so long to tell us?", "Carla Jimenez", "", ""},
		}, []want{
			{"did not immediately respond to requests for comment", "", "", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".txt"), func(t *testing.T) {
			src := loadArticle(t, tt.file)
			qs, ss := Extract(src, DefaultAliases())
			for _, q := range qs {
				checkQuote(t, src, q)
			}
			if len(qs) != len(tt.quotes) {
				for _, q := range qs {
					t.Logf("got %q by %q (%q, %q)", q.Text, q.Speaker, q.Role, q.Organization)
				}
				t.Fatalf("got %d quotes, want %d", len(qs), len(tt.quotes))
			}
			for i, w := range tt.quotes {
				q := qs[i]
				if q.Text != w.text || q.Speaker != w.speaker || q.Organization != w.org {
					t.Errorf("quote %d: got %q by %q/%q, want %q by %q/%q", i, q.Text, q.Speaker, q.Organization, w.text, w.speaker, w.org)
				}
				if w.role != "" && !strings.Contains(q.Role, w.role) {
					t.Errorf("quote %d: role %q, want %q", i, q.Role, w.role)
				}
			}
			if len(ss) != len(tt.silences) {
				t.Fatalf("got %d silences, want %d: %+v", len(ss), len(tt.silences), ss)
			}
			for i, w := range tt.silences {
				if ss[i].Kind != w.text || ss[i].Organization != w.org || ss[i].Speaker != w.speaker {
					t.Errorf("silence %d: got %+v, want %+v", i, ss[i], w)
				}
				if src.Text[ss[i].Start:ss[i].End] != ss[i].Text {
					t.Errorf("silence %d offsets do not hold its text", i)
				}
			}
		})
	}
}

// TestExtractPatterns covers one attribution or quoting pattern each.
func TestExtractPatterns(t *testing.T) {
	tests := []struct {
		name, body string
		want       [][2]string // text, speaker or organization
	}{
		{"said after", `"We fixed it," Jane Roe said.`, [][2]string{{"We fixed it,", "Jane Roe"}}},
		{"said inverted with appositive", `"We fixed it," said Jane Roe, a spokeswoman for Acme Corp.`, [][2]string{{"We fixed it,", "Jane Roe"}}},
		{"colon intro", "Jane Roe continued:\n\n\"The fix took a week and cost us nothing.\"", [][2]string{{"The fix took a week and cost us nothing.", "Jane Roe"}}},
		{"split quote", `"First part," she said. "Second part."`, [][2]string{{"First part,", ""}, {"Second part.", ""}}},
		{"split with name", `Jane Roe met reporters. "First part," she said. "Second part."`, [][2]string{{"First part,", "Jane Roe"}, {"Second part.", "Jane Roe"}}},
		{"curly and nested", `“He told me ‘no’ twice,” Jane Roe said.`, [][2]string{{"He told me ‘no’ twice,", "Jane Roe"}}},
		{"apostrophes are not marks", `Jane Roe said the customers’ data isn’t safe. “We don’t know where it went,” she said.`, [][2]string{{"We don’t know where it went,", "Jane Roe"}}},
		{"scare quotes dropped", `While "data privacy" remains the "sticking point" for banks, talks go on.`, nil},
		{"single outer quotes", `‘We will appeal the decision,’ said Jane Roe.`, [][2]string{{"We will appeal the decision,", "Jane Roe"}}},
		{"unbalanced mark does not swallow", `Reports say the platform wants its users" data to "boost engagement.' . Then "We are fine," Jane Roe said.`, [][2]string{{"We are fine,", "Jane Roe"}}},
		{"according to", `According to Acme Corp, "the breach affected nobody at all."`, [][2]string{{"the breach affected nobody at all.", "Acme"}}},
		{"org statement", `Facebook said in a statement. "We take privacy seriously and always have," the statement said.`, [][2]string{{"We take privacy seriously and always have,", "Facebook"}}},
		{"unattributed kept empty", `Something happened. "Protecting privacy is our highest priority in everything we do."`, [][2]string{{"Protecting privacy is our highest priority in everything we do.", ""}}},
		{"surname expanded", `Pat Caddell spoke on Monday. "It is in their heads," said Caddell.`, [][2]string{{"It is in their heads,", "Pat Caddell"}}},
		{"object of a describing verb is not the speaker", `Jane Roe, who ran against him last year, blasted Tom Poe as a “disgrace” on Tuesday.`, [][2]string{{"disgrace", "Jane Roe"}}},
		{"pronoun after said is not inverted", `Acme Corp, the town's largest employer, said it was "firmly opposed" to the plan.`, [][2]string{{"firmly opposed", "Acme"}}},
		{"closing attribution", `A clerk who “takes a few dollars” is punished at once, Jane Roe said.`, [][2]string{{"takes a few dollars", "Jane Roe"}}},
		{"paraphrase then quote", `The agency may wait until after the vote, Jane Roe said. "Nobody wants to be seen taking sides."`, [][2]string{{"Nobody wants to be seen taking sides.", "Jane Roe"}}},
		{"document speaks for its issuer", `The main test is a "lawful source of income," as a Harbor Authority memo put it.`, [][2]string{{"lawful source of income,", "Harbor Authority"}}},
		{"document filed by", `According to a civil complaint filed by the Fair Trade Commission, the firm ran a "massive fraudulent scheme" for years.`, [][2]string{{"massive fraudulent scheme", "Fair Trade Commission"}}},
		{"what he called", `Mayor Tom Poe condemned what he called a "reckless stunt" by the council.`, [][2]string{{"reckless stunt", "Tom Poe"}}},
		{"passive verb names no speaker", `Tom Poe has been called a fraud by rivals for selling “miracle” pills.`, nil},
		{"title after a preposition", `Jane Roe spoke on "The Morning Hour Show" about the bill.`, nil},
		{"defined term", `The rule requires a site in either a town or a "protected growth zone," which covers most suburbs.`, nil},
		{"borrowed noun phrase", `The paper sent its reporter into "a kitchen in rural Ohio" for the night.`, nil},
		{"chant", `Tom Poe was greeted with chants of "Tommy!" at the hall.`, [][2]string{{"Tommy!", ""}}},
		{"nickname inside a name", `"We will win for the district," Tommy's sister, state Del. Ann "Annie" Poe (D-Ohio), told the crowd.`, [][2]string{{"We will win for the district,", "Ann Annie Poe"}}},
		{"unnamed official's organization", `Lawmakers met on Monday. "We will not back down on this," said a senior White House official.`, [][2]string{{"We will not back down on this,", "White House"}}},
		{"surname before its full name stays", `"It is about me," Mr. Poe said. Later, his wife, Ann Poe, spoke.`, [][2]string{{"It is about me,", "Poe"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := corpus.ParseSource("t.txt", "Title: T\n\n"+tt.body+"\n")
			qs, _ := Extract(src, DefaultAliases())
			for _, q := range qs {
				checkQuote(t, src, q)
			}
			if len(qs) != len(tt.want) {
				t.Fatalf("got %d quotes %+v, want %d", len(qs), qs, len(tt.want))
			}
			for i, w := range tt.want {
				who := qs[i].Speaker
				if who == "" {
					who = qs[i].Organization
				}
				if qs[i].Text != w[0] || (w[1] != "" && who != w[1]) {
					t.Errorf("quote %d: got %q by %q, want %q by %q", i, qs[i].Text, who, w[0], w[1])
				}
			}
		})
	}
}

func TestExtractNil(t *testing.T) {
	if q, s := Extract(nil, nil); q != nil || s != nil {
		t.Fatal("Extract(nil) returned results")
	}
	src := corpus.ParseSource("e.txt", "")
	if q, s := Extract(src, nil); len(q) != 0 || len(s) != 0 {
		t.Fatal("Extract of an empty source returned results")
	}
}

// An unnamed speaker described by a party or a country ("a Democratic
// pollster", "a Chinese official") is known by it: it is the group they
// speak from, and the role stays the role. A rank ("a senior official")
// is not a group.
func TestUnnamedSpeakerKnownByPartyOrCountry(t *testing.T) {
	wantAttributions(t, "Lawmakers met on Monday. ", []attribution{
		{"\"We will not back down on this,\" said a Democratic pollster.", "", "pollster", "Democratic"},
		{"\"They should stick to the facts,\" a Chinese official told reporters.", "", "official", "Chinese"},
		{"\"It is a stunt,\" said one GOP aide on Tuesday.", "", "aide", "GOP"},
		{"\"It is dead on arrival,\" said a senior Republican aide.", "", "senior Republican aide", "Republican"},
		{"\"We will see,\" said a senior official.", "", "senior official", ""},
	})
}

// attribution is one snippet's expected single quotation: its speaker,
// role and organization.
type attribution struct{ text, speaker, role, org string }

// wantAttributions extracts each case's text, after lead, as an article
// of its own, and checks that it yields one quotation attributed as the
// case says.
func wantAttributions(t *testing.T, lead string, cases []attribution) {
	t.Helper()
	for _, c := range cases {
		qs, _ := Extract(corpus.ParseSource("t.txt", "Title: T\n\n"+lead+c.text+"\n"), DefaultAliases())
		if len(qs) != 1 || qs[0].Speaker != c.speaker || qs[0].Role != c.role || qs[0].Organization != c.org {
			t.Errorf("%s\ngot %+v, want %q (%q, %q)", c.text, qs, c.speaker, c.role, c.org)
		}
	}
}

// A capitalized modifier that opens the sentence is not part of the
// organization after it ("Former Ohio governor", "Presumptive GOP
// nominee"), and a party alone stays no one's organization.
func TestLeadModifierNotOrganization(t *testing.T) {
	wantAttributions(t, "Voters met on Monday. ", []attribution{
		{"Former Ohio governor Ann Marsh said “the vote is close.”", "Ann Marsh", "governor", "Ohio"},
		{"Presumptive GOP nominee Tom Hale said “the vote is close.”", "Tom Hale", "nominee", ""},
		{"Former Dravik Bank economist Ann Marsh said “the vote is close.”", "Ann Marsh", "economist", "Dravik Bank"},
	})
}

// A description that names a party or a people ("the Republican
// nominee", "the Labour leader") resolves to the person the article named,
// and the person is known by that group too, unless the article gave an
// organization of their own.
func TestDescriptionGroupJoinsTheNamedPerson(t *testing.T) {
	wantAttributions(t, "", []attribution{
		{"Ann Marsh campaigned in Ohio on Monday. “We will win this state,” the Republican nominee said.", "Ann Marsh", "", "Republican"},
		{"Tom Hale spoke in Leeds. “The vote is not over,” the Labour leader told reporters.", "Tom Hale", "", "Labour"},
		{"Ann Marsh, a lawyer at Dravik Bank, spoke on Monday. “We will win,” the Democratic lawyer said.", "Ann Marsh", "lawyer", "Dravik Bank"},
	})
}

// TestOutletStyles: attributions written as agencies and British outlets
// write them: two appositives after a name ("Ann Patel, 45, from
// Leicester, told"), two people joined by "and" before a title ("Lopez
// and Sen. Tom Baker"), and an organization a story leaves unnamed ("fined
// a retailer … the retailer said"), which is not the last one it named.
func TestOutletStyles(t *testing.T) {
	qs, _ := Extract(corpus.ParseSource("t.txt", "Title: T\n\nAnn Patel, 45, from Leicester, told the BBC: \"It was terrifying to see my bank details online.\"\n"), DefaultAliases())
	if len(qs) != 1 || qs[0].Speaker != "Ann Patel" {
		t.Errorf("two appositives: got %+v, want Ann Patel", qs)
	}
	qs, _ = Extract(corpus.ParseSource("t.txt", "Title: T\n\nLopez and Sen. Tom Baker, R-Ohio, sent a letter to the company.\n\nBaker told reporters the company had \"a long history of broken promises.\"\n"), DefaultAliases())
	if len(qs) != 1 || qs[0].Speaker != "Tom Baker" || qs[0].Organization != "" {
		t.Errorf("coordinated names: got %+v, want Tom Baker and no organization", qs)
	}
	qs, _ = Extract(corpus.ParseSource("t.txt", "Title: T\n\nThe Information Commissioner's Office has fined a retailer £2m over a breach.\n\n\"We will appeal,\" the retailer said.\n\n\"We will act again,\" the ICO said.\n"), DefaultAliases())
	for _, q := range qs {
		if strings.HasPrefix(q.Text, "We will appeal") && q.Organization != "" {
			t.Errorf("unnamed retailer given to %q", q.Organization)
		}
	}
}

// TestTitleWithFieldAndPlaceAfterDescription: a title with a field in
// lower case before the name ("Google's director of product Marlo
// McGriff") keeps the name, the title and the organization; a place after
// an unnamed speaker ("one shopper in Croydon") is not a name.
func TestTitleWithFieldAndPlaceAfterDescription(t *testing.T) {
	wantAttributions(t, "The company changed its policy. ", []attribution{
		{"\"We are making it easier,\" Google's director of product Marlo McGriff wrote in a blog post.", "Marlo McGriff", "director of product", "Google"},
		{"\"We are making it easier,\" Facebook's head of privacy Jane Doe said.", "Jane Doe", "head of privacy", "Facebook"},
		{"\"It is Orwellian,\" one shopper in Croydon told the Guardian.", "", "shopper", ""},
		{"\"It is Orwellian,\" a farmer near Ames told reporters.", "", "farmer", ""},
	})
}

// TestUnnamedSourceKeepsBeingUnnamed: "the person said" after "a person
// familiar with the matter" is that unnamed source, not the official named
// in the sentence before; "the lawyer" after "Jim Halpert, a lawyer" is
// Halpert.
func TestUnnamedSourceKeepsBeingUnnamed(t *testing.T) {
	text := "Title: T\n\nDeputy Commissioner Graham Doyle told Reuters the decision was final.\n\n" +
		"A person familiar with the matter said the company would appeal. \"They have no choice,\" the person said.\n\n" +
		"Jim Halpert, a lawyer who represents several brokers, spoke on Friday. \"It will take years,\" the lawyer said.\n"
	qs, _ := Extract(corpus.ParseSource("t.txt", text), DefaultAliases())
	for _, q := range qs {
		switch {
		case strings.HasPrefix(q.Text, "They have no choice") && (q.Speaker != "" || q.Role != "person"):
			t.Errorf("unnamed source given as %q (%q)", q.Speaker, q.Role)
		case strings.HasPrefix(q.Text, "It will take years") && q.Speaker != "Jim Halpert":
			t.Errorf("the lawyer given as %q, want Jim Halpert", q.Speaker)
		}
	}
	if len(qs) != 2 {
		t.Errorf("got %d quotations, want 2: %+v", len(qs), qs)
	}
}
