package quote

import (
	"testing"

	"github.com/privacybot/privacybot/corpus"
)

// quoteOf extracts text and returns the quote whose text is want, failing
// when there is none.
func quoteOf(t *testing.T, text, want string) Quote {
	t.Helper()
	qs, _ := Extract(corpus.ParseSource("r.txt", text), nil)
	for _, q := range qs {
		if q.Text == want {
			return q
		}
	}
	t.Fatalf("no quote %q in %+v", want, qs)
	return Quote{}
}

// wantSpeaker checks that each quotation of text is given to speaker.
func wantSpeaker(t *testing.T, text, speaker string, quotes ...string) {
	t.Helper()
	for _, want := range quotes {
		if q := quoteOf(t, text, want); q.Speaker != speaker {
			t.Errorf("%q: got %q/%q, want %q", want, q.Speaker, q.Organization, speaker)
		}
	}
}

// TestTimeWordIsNoRole: the words before a name in "Last week Harlow
// said" tell when, not what he does; his role stays the one the article
// gave.
func TestTimeWordIsNoRole(t *testing.T) {
	text := "Bank\n\nThe bank chief Tom Harlow faced the committee in May.\n\nLast week Harlow said the bank would “make every customer whole.”\n\nOn Monday Harlow said it had been “a hard year.”\n"
	for _, want := range []string{"make every customer whole.", "a hard year."} {
		q := quoteOf(t, text, want)
		if q.Speaker != "Tom Harlow" || q.Role == "week" || q.Role == "Last week" {
			t.Errorf("%q: got speaker %q role %q, want Tom Harlow, no time as role", want, q.Speaker, q.Role)
		}
	}
}

// TestUnnamedGroupSpeaks: a term that unnamed people used ("what
// lawmakers called “fraud”") is theirs, not the sentence subject's.
func TestUnnamedGroupSpeaks(t *testing.T) {
	text := "Bank\n\nThe bank chief Tom Harlow faced the committee in May.\n\nHarlow’s claim that only a few workers took part in what multiple lawmakers called “fraud” angered the panel.\n\n“It was a disgrace from start to finish,” critics said.\n"
	for _, want := range []string{"fraud", "It was a disgrace from start to finish,"} {
		if q := quoteOf(t, text, want); q.Speaker != "" || q.Organization != "" {
			t.Errorf("%q: got speaker %q/%q, want none", want, q.Speaker, q.Organization)
		}
	}
}

// TestHandleIsNoCommonWord: a name also written inside a handle
// ("@mike_pence") is still a name, so the quotation keeps its speaker.
func TestHandleIsNoCommonWord(t *testing.T) {
	text := "Vote\n\nCandidate Ted Cruz received the endorsement of Gov. Mike Pence on Friday.\n\n“I am not against anybody, but I will vote for him,” Pence said in an interview.\n\n“I thank Governor @mike_pence for his support,” Cruz wrote.\n"
	wantSpeaker(t, text, "Mike Pence", "I am not against anybody, but I will vote for him,")
}

// TestNameBeforeColonSpeaks: in "Analysts agree - Carl Bialik: “…”" the
// name right before the colon speaks, though the rules read the common
// word "Analysts" as the subject of "agree", and though the paragraph
// before ends with another speaker's quotation.
func TestNameBeforeColonSpeaks(t *testing.T) {
	text := "Council\n\nThe council met on Monday to hear residents about the new road plan. “We will listen to everyone,” said Mayor Dana Holt.\n\nAnalysts agree - Carl Bialik: “The plan will cost more than the council says it will, and soon.”\n\nMost analysts expect the plan to pass.\n"
	wantSpeaker(t, text, "Carl Bialik", "The plan will cost more than the council says it will, and soon.")
}

// TestOpeningAdverbIsNoSpeaker: "First, Kovac identified the judge as
// “biased”" names Pia Kovac; the opening adverb is no name, and the
// clause after it is no role.
func TestOpeningAdverbIsNoSpeaker(t *testing.T) {
	text := "Race\n\nPia Kovac spent the week attacking the courts.\n\nFirst, Kovac identified the judge as “biased,” which is what her aides had warned against.\n"
	if q := quoteOf(t, text, "biased,"); q.Speaker != "Pia Kovac" || q.Role != "" {
		t.Errorf("got %q role %q, want Pia Kovac, no role", q.Speaker, q.Role)
	}
}

// TestParticipleKeepsTheSpeechVerbsSubject: in "…, Lind said, adding,
// “…”" the quotation is Lind's, not that of the name that opens the
// sentence.
func TestParticipleKeepsTheSpeechVerbsSubject(t *testing.T) {
	text := "Mosque\n\nOmar Lind sat in the room where he saw Ivo Brask for the last time. Brask did not mingle but left as soon as prayers were over, Lind said, adding, “He was not very religious.”\n\nThe two will meet next week, Dana Spicer said, adding, “They need to sit down and talk.”\n"
	for want, who := range map[string]string{"He was not very religious.": "Omar Lind", "They need to sit down and talk.": "Dana Spicer"} {
		if q := quoteOf(t, text, want); q.Speaker != who {
			t.Errorf("%q: got %q, want %q", want, q.Speaker, who)
		}
	}
}

// TestFirstNameEndingInLy: a first name that ends like an adverb ("Carly",
// "Kelly") still makes a name with the surname it stands before.
func TestFirstNameEndingInLy(t *testing.T) {
	text := "Feud\n\nSeveral candidates came to the aid of the doctor after the incident.\n\nCarly Vance wrote on her blog: “Anyone can turn a big inheritance into more money, but money cannot buy class.”\n"
	wantSpeaker(t, text, "Carly Vance", "Anyone can turn a big inheritance into more money, but money cannot buy class.")
}

// TestNameBeforeColonBeatsHeadline: in a digest line "HEADLINE - Name:
// “…”" the name before the colon speaks, not a word of the headline the
// rules read as the subject.
func TestNameBeforeColonBeatsHeadline(t *testing.T) {
	text := "Polls\n\nThe race is close, and the voters are tired of it all by now.\n\nTURNOUT IS UP IN IOWA - Michael P. McDonald: “At long last the contests have started, and we now have a first glimpse at turnout.”\n\nRED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: “Twenty states are solidly red or leaning red this year, against fourteen blue.”\n"
	for want, who := range map[string]string{
		"At long last the contests have started, and we now have a first glimpse at turnout.": "Michael P. McDonald",
		"Twenty states are solidly red or leaning red this year, against fourteen blue.":      "Jeffrey M. Jones",
	} {
		if q := quoteOf(t, text, want); q.Speaker != who {
			t.Errorf("%q: got %q, want %q", want, q.Speaker, who)
		}
	}
}

// TestRoleWrittenAsTitle: "Reporter Jane Okafor says:" names Jane Okafor,
// a reporter, for the quotation of the next paragraph, though the article
// also writes "reporter" as a common word.
func TestRoleWrittenAsTitle(t *testing.T) {
	text := "Attack\n\nThe reporter was live on air that night, and the reporter saw it all.\n\nReporter Jane Okafor says:\n\n\"Well, according to the eyewitness the situation there is a frontline. Roads were blocked.\"\n"
	if q := quoteOf(t, text, "Well, according to the eyewitness the situation there is a frontline. Roads were blocked."); q.Speaker != "Jane Okafor" || q.Role != "Reporter" {
		t.Errorf("got %q role %q, want Jane Okafor, Reporter", q.Speaker, q.Role)
	}
}

// TestIntroductoryParticipleIsNoSpeaker: "Reached by phone, Bennett
// denied …, explaining that he was “…”" names Bennett, never the opening
// participle.
func TestIntroductoryParticipleIsNoSpeaker(t *testing.T) {
	text := "Campaign\n\nThe campaign has had a rough week in the polls.\n\nReached by the Courier, Bennett denied that a shakeup is coming, explaining that he was unaware of the interview because he was “taking a day off.”\n"
	wantSpeaker(t, text, "Bennett", "taking a day off.")
}

// TestTimesAndTreatiesAreNoNames: a time word opening a sentence ("Hours
// later") and the name of a pact are never a quotation's speaker.
func TestTimesAndTreatiesAreNoNames(t *testing.T) {
	text := "Trade\n\nThe two leaders met in the capital on Monday for the first time.\n\nHours later, Ivo Brask returned the compliment, telling the Courier, “He is an amazing man and a good friend.”\n\nAnd the Northern Trade Agreement, which Brask had called a “disaster” and promised to “rip up”? He spoke instead about improving it.\n"
	for _, want := range []string{"He is an amazing man and a good friend.", "rip up"} {
		if q := quoteOf(t, text, want); q.Speaker == "Hours" || q.Speaker == "Northern Trade Agreement" {
			t.Errorf("%q: got %q, want no time or pact as speaker", want, q.Speaker)
		}
	}
	// The subject comes after the time ("Hours later, Ivo Brask …").
	wantSpeaker(t, text, "Ivo Brask", "He is an amazing man and a good friend.")
}

// TestJudgingVerbNamesItsSubject: "Otto Brandt accuses Marsh of “…”" and
// "Brandt, with open delight, chided Kovac for …" give the quoted words
// to the one who judges, not to the one judged.
func TestJudgingVerbNamesItsSubject(t *testing.T) {
	text := "Race\n\nThe candidates have spent the week blasting Governor Lena Marsh over the flood response.\n\nOtto Brandt accuses Marsh of “leading from behind” and Pia Kovac says she is “losing the argument.”\n\nThe debate marked the end of a truce. Brandt, with open delight, chided Kovac for a plan that “will sink the whole county in debt.”\n"
	wantSpeaker(t, text, "Otto Brandt", "leading from behind", "will sink the whole county in debt.")
}

// TestTimeBetweenSubjectAndVerb: "who Beck on Wednesday called “…”" gives
// the words to Beck; a phrase of time between a subject and its speech
// verb does not hide the subject.
func TestTimeBetweenSubjectAndVerb(t *testing.T) {
	text := "Radio\n\nMuch of Ari Beck’s ire was directed at the strategist Tom Bannerman, who Beck on Wednesday called “a horrible, despicable human being.”\n"
	wantSpeaker(t, text, "Ari Beck", "a horrible, despicable human being.")
}

// TestParticipleAfterAnEarlierQuote: "Ben Carlo shared a syllabus called
// “Perception” on his Facebook page, writing “…”": after the title the
// participle still has the sentence's subject, not the page's owner.
func TestParticipleAfterAnEarlierQuote(t *testing.T) {
	text := "Class\n\nLater on Sunday, Ben Carlo shared a syllabus for a class called “Perception” on his Facebook page, writing “Allow me also to do the research for the reporter.”\n"
	wantSpeaker(t, text, "Ben Carlo", "Allow me also to do the research for the reporter.")
}

// TestMainClauseSubjectSpeaks: after a subordinate clause ("When Brask
// suggested …,", "After Brandt criticized …,") or a comparison ("Like
// Brask,"), the main clause's subject speaks, not the name before it.
func TestMainClauseSubjectSpeaks(t *testing.T) {
	text := "Debate\n\nThe two rivals met on stage in Miami on Thursday night.\n\nWhen Ivo Brask suggested that the city would sue the state, Lena Marsh fired back forcefully: “If they sue us in a court here, they are going to lose,” to loud applause.\n\nLike Brask, Marsh also rejected the plan, arguing that there is “room for the city” to act.\n"
	wantSpeaker(t, text, "Lena Marsh", "If they sue us in a court here, they are going to lose,", "room for the city")
}

// TestParticipleAfterAnd: "with Ivo Brask tweeting that … and asking,
// “…”" gives the question to Brask, the subject of the participle the
// "and" goes on from, not to the sentence's first name.
func TestParticipleAfterAnd(t *testing.T) {
	text := "Email\n\nThe report landed on Friday, and the party moved fast.\n\nRepublicans were quick to chime in, with Ivo Brask tweeting that it was a “disaster” for the mayor and asking, “How can someone with such bad judgment lead us?”\n"
	wantSpeaker(t, text, "Ivo Brask", "How can someone with such bad judgment lead us?")
}

// TestTitleOfTheBeforeName: in "Speaker of the House Newt Gingrich" and
// "Secretary of State Ann Halvorsen" the word after "of (the)" ends the
// title; the name is the words after it.
func TestTitleOfTheBeforeName(t *testing.T) {
	for _, c := range []struct{ text, want, speaker string }{
		{"Budget\n\nThe plan echoed Speaker of the House Newt Gingrich’s 1994 pledge.\n\nIn July, Gingrich dismissed the plan as “a relic of another age.”\n",
			"a relic of another age.", "Newt Gingrich"},
		{"Talks\n\nThe talks were led by Secretary of State Ann Halvorsen in Geneva.\n\n“We are close to a deal,” Halvorsen said on Friday.\n",
			"We are close to a deal,", "Ann Halvorsen"},
	} {
		if q := quoteOf(t, c.text, c.want); q.Speaker != c.speaker {
			t.Errorf("%q: got speaker %q (role %q), want %q", c.want, q.Speaker, q.Role, c.speaker)
		}
	}
}

// TestTitleOfTheInAttribution: a title with "of (the)" before the name,
// before or after the speech verb, is the role, and the name follows it.
func TestTitleOfTheInAttribution(t *testing.T) {
	text := "Talks\n\n“We are close to a deal,” said Secretary of State Ann Halvorsen on Friday.\n\nSpeaker of the House Newt Gingrich called it “a relic.”\n"
	for _, c := range []struct{ want, speaker, role string }{
		{"We are close to a deal,", "Ann Halvorsen", "Secretary of State"},
		{"a relic.", "Newt Gingrich", "Speaker of the House"},
	} {
		if q := quoteOf(t, text, c.want); q.Speaker != c.speaker || q.Role != c.role {
			t.Errorf("%q: got %q role %q, want %q role %q", c.want, q.Speaker, q.Role, c.speaker, c.role)
		}
	}
}

// TestIntroductoryPlaceIsNoSubject: in "Here in Columbia, Tillman stepped
// up …, saying, “…”" the place is the preposition's object; the subject
// after the comma speaks.
func TestIntroductoryPlaceIsNoSubject(t *testing.T) {
	text := "Race\n\nThe rival camp has identified the senator's ties as a weakness.\n\nHere in Columbia, Tillman stepped up his emphasis on justice issues, saying, \"We have got to achieve the day when young men can walk the streets.\"\n\nAt the rally in Dayton, Ross praised the crowd, saying, “You are the reason we run.”\n"
	for _, c := range []struct{ want, speaker string }{
		{"We have got to achieve the day when young men can walk the streets.", "Tillman"},
		{"You are the reason we run.", "Ross"},
	} {
		if q := quoteOf(t, text, c.want); q.Speaker != c.speaker {
			t.Errorf("%q: got %q/%q, want %q", c.want, q.Speaker, q.Organization, c.speaker)
		}
	}
}

// TestRoleForNamedOrganization: "a spokeswoman for the House Armed
// Services Committee" speaks for that committee, before or after the
// speech verb, not for an organization named earlier in the article.
func TestRoleForNamedOrganization(t *testing.T) {
	for _, s := range []string{
		"“The law says nothing of the kind,” said a spokeswoman for the Harbor Safety Committee.",
		"A spokeswoman for the Harbor Safety Committee emailed reporters the text, arguing, “The law says nothing of the kind.”",
	} {
		text := "Base\n\nThe Port Authority met the deadline on Friday.\n\n" + s + "\n"
		if q, _ := findQuote(quotesOf(t, text), "The law says nothing"); q.Organization != "Harbor Safety Committee" {
			t.Errorf("%q: got %q/%q, want the Harbor Safety Committee", s, q.Speaker, q.Organization)
		}
	}
}

// TestRoleForLowerCaseModifiedGroup: "a spokesman for committee
// Democrats" speaks for the committee's Democrats, not for an
// organization named earlier.
func TestRoleForLowerCaseModifiedGroup(t *testing.T) {
	text := "Base\n\nThe Port Authority met the deadline on Friday.\n\n“The facts have not changed,” a spokesman for committee Democrats said.\n"
	if q, _ := findQuote(quotesOf(t, text), "The facts have not changed"); q.Organization != "committee Democrats" {
		t.Errorf("got %q/%q, want committee Democrats", q.Speaker, q.Organization)
	}
}
