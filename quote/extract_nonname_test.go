package quote

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// nonNames are capitalized words of news text that name no one, by kind.
// They are written here, not taken from any article.
var nonNames = map[string][]string{
	"date": {"Dec.", "Dec. 12", "Last week", "Thursday", "Sept. 3", "Next month", "Tuesday night",
		"Last year", "Jan. 20", "Friday morning", "Earlier this year", "Tonight"},
	"holiday": {"Christmas Day", "Thanksgiving", "Election Day", "New Year's Eve", "Black Friday",
		"Super Tuesday", "Easter Sunday", "Labor Day", "Christmas", "Halloween", "Memorial Day"},
	"place": {"Florida", "San Francisco", "New Jersey", "Ohio", "Calif.", "Chicago", "Texas",
		"Seattle", "Iowa", "London", "Tokyo", "Pennsylvania"},
}

// labels are section labels in capitals that open a paragraph.
var labels = []string{"WATCH", "ANALYST'S VIEWPOINT", "READ MORE", "RELATED COVERAGE", "EDITOR'S NOTE", "UPDATE"}

// openers are words that start a sentence and a name's place, pronouns
// and contractions among them.
var openers = []string{"Out", "Knowing", "Typically", "Worse", "I'm", "We're", "He", "They'll", "Afterward", "Meanwhile"}

// personNames invents a person's first name and surname from syllables, so
// that no name of a real article, nor of the extractor's lists, is used.
func personNames(r *rand.Rand) (first, last string) {
	a := []string{"Mar", "Tam", "Cor", "El", "Bran", "Od", "Fen", "Is", "Quin", "Rho", "Sav", "Jor"}
	b := []string{"la", "sin", "vin", "ska", "noc", "ell", "wick", "olde", "ara", "eth"}
	c := []string{"Vrel", "Quen", "Drav", "Holm", "Kest", "Ulb", "Marr", "Penn", "Strov", "Gale"}
	d := []string{"ek", "net", "sky", "ridge", "ova", "ington", "ard", "ler", "ius", "an"}
	return a[r.Intn(len(a))] + b[r.Intn(len(b))], c[r.Intn(len(c))] + d[r.Intn(len(d))]
}

// orgName invents an organization.
func orgName(r *rand.Rand) string {
	a := []string{"Dravik", "Helmsgate", "Northwind", "Corvala", "Brightcart", "Sable", "Ostrava", "Kelmor"}
	b := []string{"Systems", "Bank", "Labs", "Inc.", "Group", "Partners", "Health", "Networks"}
	return a[r.Intn(len(a))] + " " + b[r.Intn(len(b))]
}

// nonNameCase is one generated snippet: the non-name it holds and the
// speaker it must give its one quotation ("" for none in the text).
type nonNameCase struct {
	text, bad, want string
}

// nonNameCases writes snippets in several outlets' styles that put a
// non-name where a speaker's name could stand: next to the quotation,
// before a speech verb, or opening the paragraph, with or without a real
// speaker named too.
func nonNameCases() []nonNameCase {
	r := rand.New(rand.NewSource(16))
	var cs []nonNameCase
	marks := [][2]string{{"“", "”"}, {`"`, `"`}}
	quotes := []string{"We will not sell anyone's data", "The deal is off for now", "Nobody asked us first"}
	for _, kind := range []string{"date", "holiday", "place"} {
		for _, b := range nonNames[kind] {
			for si, m := range marks {
				first, last := personNames(r)
				p := first + " " + last
				org := orgName(r)
				q := quotes[r.Intn(len(quotes))]
				o, c := m[0], m[1]
				on := "on "
				if kind == "place" {
					on = "in "
				}
				with := []string{
					// The non-name opens the sentence, the speaker follows.
					fmt.Sprintf("%s, %s, a spokeswoman for %s, said: %s%s.%s", b, p, org, o, q, c),
					// After the attribution.
					fmt.Sprintf("%s%s,%s %s said %s%s.", o, q, c, p, on, b),
					fmt.Sprintf("%s%s,%s said %s, the chief executive of %s, %s%s.", o, q, c, p, org, on, b),
					// A later paragraph: the surname alone.
					fmt.Sprintf("%s of %s spoke %s%s.\n\n%s%s,%s %s said.", p, org, on, b, o, q, c, last),
					// Agency style with a dateline.
					fmt.Sprintf("NEW YORK (Reuters) - %s, %s told reporters %s%s%s.", b, p, o, q, c),
				}
				for i, t := range with {
					if i%2 == si {
						cs = append(cs, nonNameCase{t, b, last})
					}
				}
				without := []string{
					fmt.Sprintf("%s, %s%s,%s according to a filing.", b, o, q, c),
					fmt.Sprintf("%s%s.%s %s brought no change.", o, q, c, b),
					fmt.Sprintf("%s%s,%s %s said.", o, q, c, b),
					fmt.Sprintf("The filing came %s%s. %s%s,%s it said.", on, b, o, q, c),
				}
				for _, t := range without {
					cs = append(cs, nonNameCase{t, b, ""})
				}
			}
		}
	}
	for _, l := range labels {
		first, last := personNames(r)
		p := first + " " + last
		cs = append(cs,
			nonNameCase{fmt.Sprintf("%s: %s on the data deal\n\n“We will not sell anyone's data,” %s said.", l, p, last), l, last},
			nonNameCase{fmt.Sprintf("%s: The data deal\n\n“We will not sell anyone's data.”", l), l, ""},
			nonNameCase{fmt.Sprintf("%s\n\n“We will not sell anyone's data,” said %s, a spokesman for %s.", l, p, orgName(r)), l, last},
		)
	}
	for _, w := range openers {
		first, last := personNames(r)
		p := first + " " + last
		cs = append(cs,
			nonNameCase{fmt.Sprintf("%s %s, “the deal is off,” a filing said.", w, last), w, ""},
			nonNameCase{fmt.Sprintf("%s of options, “we will sue,” the filing said.", w), w, ""},
			nonNameCase{fmt.Sprintf("%s told the board “the deal is off.” %s of %s agreed.", w, p, orgName(r)), w, ""},
			nonNameCase{fmt.Sprintf("%s, %s said: “We will not sell anyone's data.”", w, p), w, last},
		)
	}
	return cs
}

// TestNonNamesNeverSpeak checks over generated snippets, with invented
// names in several outlets' styles, that a date, a holiday, a place, a
// section label, a sentence's opening word or a pronoun is never given as
// a quotation's speaker, while the person the snippet names as speaker
// still is.
func TestNonNamesNeverSpeak(t *testing.T) {
	cs := nonNameCases()
	if len(cs) < 300 {
		t.Fatalf("only %d cases generated", len(cs))
	}
	bad := 0
	for _, c := range cs {
		qs := quotesOf(t, "Data deal talks\n\n"+c.text+"\n")
		if len(qs) == 0 {
			if c.want != "" {
				t.Errorf("no quotation in %q", c.text)
			}
			continue
		}
		for _, q := range qs {
			who := strings.TrimSpace(q.Speaker + " " + q.Organization)
			badFirst := strings.Fields(c.bad)[0]
			if who != "" && (strings.Contains(who, c.bad) || strings.HasPrefix(who, badFirst+" ") || who == badFirst) {
				bad++
				t.Errorf("%q given as the speaker (%q/%q) in %q", c.bad, q.Speaker, q.Organization, c.text)
			}
		}
		if c.want != "" && !strings.Contains(qs[len(qs)-1].Speaker, c.want) {
			t.Errorf("speaker %q/%q, want %q, in %q", qs[len(qs)-1].Speaker, qs[len(qs)-1].Organization, c.want, c.text)
		}
	}
	if bad > 0 {
		t.Logf("%d of %d snippets named a non-name", bad, len(cs))
	}
}

// TestPeoplesAdjectivesNeverSpeak: the word for a people or a group
// ("Mexican", "Syrian", "Hispanic") before a noun is an adjective, never
// the speaker's name, while a surname that happens to be one ("French")
// still names its person, and "the Texan said" still calls someone by it.
func TestPeoplesAdjectivesNeverSpeak(t *testing.T) {
	peoples := []string{"Mexican", "Syrian", "Egyptian", "Hispanic", "Chinese", "Iraqi", "Canadian", "Iowan"}
	for _, d := range peoples {
		for _, text := range []string{
			fmt.Sprintf("The campaign has leaned on crime, portraying %s immigrants as “criminals and worse.”", d),
			fmt.Sprintf("“Look what they have done, there will be riots,” he said of the plan to admit 800,000 %s refugees.", d),
			fmt.Sprintf("A %s textbook for ninth graders explains “the advantages of peace for the region.”", d),
		} {
			for _, q := range quotesOf(t, "Border fight\n\n"+text+"\n") {
				if strings.Contains(q.Speaker, d) {
					t.Errorf("%q given as the speaker of %q in %q", q.Speaker, q.Text, text)
				}
			}
		}
	}
	qs := quotesOf(t, "Border fight\n\nDavid French of the magazine spoke on Monday.\n\n“We will win this,” French said.\n")
	quoteBy(t, qs, "We will win this", "David French")
	qs = quotesOf(t, "Border fight\n\nThe former governor spoke on Monday. “We will win this,” the Texan said.\n")
	for _, q := range qs {
		if q.Speaker != "" && q.Speaker != "Texan" {
			t.Errorf("“the Texan said” gave %q", q.Speaker)
		}
	}
}

// TestUnnamedPersonSpeaks: when the sentence's speaker is someone the text
// does not name ("a protester", "one onlooker"), the quotation is theirs,
// with that description as the role, and not the person they address nor
// a name from an earlier sentence.
func TestUnnamedPersonSpeaks(t *testing.T) {
	for _, c := range []struct{ text, role string }{
		{"A protester told him, “You are a liar.”", "protester"},
		{"One protester later called him “a liar.”", "protester"},
		{"An onlooker shouted, “Go home!”", "onlooker"},
		{"One longtime attendee said, “He has changed.”", "longtime attendee"},
	} {
		qs := quotesOf(t, "Rally heckled\n\nSenator Tam Vrelek spoke in Des Moines on Monday. "+c.text+"\n")
		if len(qs) != 1 || qs[0].Speaker != "" || qs[0].Role != c.role {
			t.Errorf("%s: got%s, want one quotation by an unnamed %s", c.text, dumpQuotes(qs), c.role)
		}
	}
}

// TestDescribedIsNotTheDescriber: when a description ("the radio host")
// could only be taken for the one person named lately, and that person is
// the one it calls, tells or describes ("called him", "described the
// senator as"), the quotation is the unnamed describer's, not theirs. A
// description whose role is the named person's still resolves to them.
func TestDescribedIsNotTheDescriber(t *testing.T) {
	for _, text := range []string{
		"The radio host called him “the next George Washington.”",
		"Later, the radio host called him “the next George Washington.”",
		"The radio host described the senator as “the next George Washington.”",
		"The radio host told him, “You are the next George Washington.”",
	} {
		qs := quotesOf(t, "Host praises senator\n\nSenator Tam Vrelek spoke in Des Moines on Monday. "+text+"\n")
		if len(qs) != 1 || qs[0].Speaker != "" || qs[0].Role != "radio host" {
			t.Errorf("%s: got%s, want the unnamed radio host", text, dumpQuotes(qs))
		}
	}
	qs := quotesOf(t, "Host praises senator\n\nSenator Tam Vrelek met the radio host Marla Quen on Monday. The senator called her “a fine host.”\n")
	quoteBy(t, qs, "a fine host", "Tam Vrelek")
	qs = quotesOf(t, "Astronaut runs\n\nMark Vrelek spoke in Tucson on Monday. “We are ready,” the former astronaut added.\n")
	quoteBy(t, qs, "We are ready", "Mark Vrelek")
}

// TestEpithetResolvesToNamedPerson: a description the role list does not
// hold ("the former astronaut", "the billionaire", "the 70-year-old")
// refers back to the person the article just named, while a crowd, a sign
// or a group of officials does not.
func TestEpithetResolvesToNamedPerson(t *testing.T) {
	for _, d := range []string{"former astronaut", "billionaire", "70-year-old", "real estate mogul"} {
		qs := quotesOf(t, "Candidate speaks\n\nMark Vrelek spoke in Tucson on Monday. “We are ready,” the "+d+" added.\n")
		quoteBy(t, qs, "We are ready", "Mark Vrelek")
	}
	for _, text := range []string{
		"“Lock him up,” the crowd chanted.",
		"“No more data brokers,” the sign read.",
		"“The evidence is thin,” the committee chairmen wrote.",
	} {
		for _, q := range quotesOf(t, "Candidate speaks\n\nMark Vrelek spoke in Tucson on Monday. "+text+"\n") {
			if q.Speaker != "" {
				t.Errorf("%s: given to %q", text, q.Speaker)
			}
		}
	}
}

// TestReportedClauseSubjectIsNotTheSpeaker: a name right after "that" or
// "whether" and right before the quotation is the subject of a reported
// clause ("alleges that Meta “…”", "said that Dravik “…”"), not the one
// whose words they are.
func TestReportedClauseSubjectIsNotTheSpeaker(t *testing.T) {
	for _, text := range []string{
		"The filing alleges that Dravik Systems “knowingly designed harmful features” for teens.",
		"Regulators asked whether Dravik Systems “ever deleted the data” it held.",
	} {
		for _, q := range quotesOf(t, "States sue\n\nStates sued Dravik Systems on Tuesday over its apps. "+text+"\n") {
			if q.Organization == "Dravik Systems" || q.Speaker == "Dravik Systems" {
				t.Errorf("%s: the clause's subject given as the speaker", text)
			}
		}
	}
	qs := quotesOf(t, "States sue\n\nSenator Tam Vrelek said that Dravik Systems “cannot be trusted with children's data.”\n")
	quoteBy(t, qs, "cannot be trusted", "Tam Vrelek")
}
