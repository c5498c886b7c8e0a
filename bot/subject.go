package bot

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

// speechAsk is the part of a pattern that asks for someone's words.
const speechAsk = `(?:say|said|says|saying|comment\w*|respond\w*|react\w*|reply|replied|speak|spoke|spoken|talk\w*|tell|told|state|stated|think|thought|characteri[sz]e\w*|describe\w*|weigh\w* in|make of|feel\w*)`

// subjectName is up to four words naming someone.
const subjectName = `((?:[\p{L}\d.&'’-]+\s+){0,5}?[\p{L}\d.&'’-]+?)`

var subjectRes = []*regexp.Regexp{
	// "What did goldman sachs say about…", "How has Meta responded…"
	regexp.MustCompile(`(?i)^\W*(?:what|how|why|when|where)\s+(?:did|does|do|has|have|had|is|are|was|were|will|would)\s+` + subjectName + `\s+(?:ever\s+|publicly\s+|actually\s+)?` + speechAsk + `\b`),
	// "Did Bank of America comment?", "has goldman sachs said anything"
	regexp.MustCompile(`(?i)^\W*(?:did|does|do|has|have|had|is|was|were|will)\s+` + subjectName + `\s+(?:ever\s+|publicly\s+|actually\s+|already\s+)?` + speechAsk + `\b`),
	// "elon musk's take on…", "What was Meta's response?"
	regexp.MustCompile(`(?i)^\W*(?:(?:what|how)(?:'s|’s| is| was| were| are)\s+)?` + subjectName + `(?:'s|’s|s'|s’)\s+(?:take|response|reaction|position|view|views|stance|statement|comment|comments|answer|reply|thoughts|opinion|side)\b`),
	// "…, according to Northgate?", "According to the regulator, …"
	regexp.MustCompile(`(?i)\baccording to\s+` + subjectName + `\s*[?.!]*\s*$`),
	regexp.MustCompile(`(?i)^\W*according to\s+` + subjectName + `\s*,`),
}

// notNames start a phrase that describes someone instead of naming them
// ("the bank", "their lawyers").
var notNames = toSet(`the a an its their his her our your my this that these those they he she it we you i any anyone anybody someone somebody everyone people each every some other others no nobody all most`)

// resolveSpeaker finds whom a question asks about when the ledger's names
// are not in it as typed: a speaker named by description ("the retailer's
// spokeswoman", "the EFF lawyer") or by the first word of an
// organization's name ("Northgate"), which become its entities; or a name
// the ledger does not know ("has goldman sachs said anything?"), which
// becomes p.subject, checked against the sources' text later. It returns
// the stemmed words that are not part of the question's topic: those of
// the description, and misspelt words asking for someone's words.
func resolveSpeaker(snap *snapshot, p *plan) map[string]bool {
	text := p.asked
	notTopic := map[string]bool{}
	typos := misspeltSpeechWords(text)
	for _, w := range typos {
		notTopic[stem(w)] = true
	}
	p.wantsQuotes = p.wantsQuotes || len(typos) > 0
	if !p.wantsQuotes || whoSaidRe.MatchString(text) || compareRe.MatchString(text) {
		return notTopic
	}
	if len(p.entities) == 0 {
		if ents := describedSpeakers(snap, text); len(ents) > 0 {
			asked := askedSpeaker(text)
			p.entities = ents
			inAsked := func(n string) bool { return strings.Contains(strings.ToLower(asked), strings.ToLower(n)) }
			p.unknown = slices.DeleteFunc(p.unknown, inAsked)
			p.strangers = slices.DeleteFunc(p.strangers, inAsked)
			for _, w := range words(asked) {
				notTopic[stem(w)] = true
			}
			return notTopic
		}
	}
	if len(p.unknown) == 0 {
		if s := speakerAskedAbout(snap, text); s != "" && len(snap.ledger.NamedIn(s)) == 0 {
			// "has goldman sachs said anything about facebook": the
			// speaker asked about is no speaker of the ledger; the names
			// after it are what they were asked about.
			p.subject, p.entities = s, nil
		}
	}
	return notTopic
}

// speakerAskedAbout returns the name of the speaker a question asks about
// when it names one the ledger does not know ("Did Bank of America
// comment?"), as typed; "" when it names none, or describes them ("the
// bank").
func speakerAskedAbout(snap *snapshot, text string) string {
	if name := askedSpeaker(text); name != "" {
		ws := words(name)
		if len(ws) > 4 {
			return ""
		}
		if len(ws) == 0 || notNames[ws[0]] || questionWords[ws[0]] {
			return ""
		}
		content := 0
		for _, w := range ws {
			if !stopwords[w] {
				content++
			}
		}
		if content == 0 {
			return ""
		}
		return name
	}
	return ""
}

// askedSpeaker returns the words a question uses for the speaker whose
// words it asks for, as typed: a name or a description ("the retailer's
// spokeswoman"); "" when it has no such form.
func askedSpeaker(text string) string {
	for _, re := range subjectRes {
		if m := re.FindStringSubmatch(text); m != nil {
			return strings.TrimSpace(m[1])
		}
	}
	return ""
}

// absentSubject reports whether the sources never print the name p.subject
// stands for: a word of it no source holds, or the whole phrase in none of
// the passages a search for it returns.
func absentSubject(ctx context.Context, snap *snapshot, p *plan) (bool, error) {
	st := snap.statistics()
	for _, w := range words(p.subject) {
		// A plural ("investors") describes people, whom the sources may
		// well cover in other words; a name ("goldman") does not.
		if !stopwords[w] && !st.mentions(w) && !looksPlural(w) {
			return true, nil
		}
	}
	if strings.ToLower(p.subject) == p.subject {
		// Typed in lower case, a phrase of known words is more likely a
		// description ("bank executives") than a name.
		return false, nil
	}
	hits, err := snap.Search(ctx, retrieval.SearchOptions{Query: p.subject, K: 10, Kind: retrieval.KindParagraph})
	if err != nil {
		return false, err
	}
	want := strings.Join(words(p.subject), " ")
	for _, h := range hits {
		if strings.Contains(" "+strings.Join(words(h.Text), " ")+" ", " "+want+" ") {
			return false, nil
		}
	}
	return true, nil
}

// speechWords are the words that ask for someone's words, for catching
// them misspelt ("reponse").
var speechWords = strings.Fields(`response respond responded reaction react reacted comment commented statement characterise characterize characterised characterized describe described position`)

// misspeltSpeechWords returns the words of the question that misspell a
// word asking for someone's words ("reponse").
func misspeltSpeechWords(text string) []string {
	var out []string
	for _, w := range words(text) {
		if len(w) < 5 {
			continue
		}
		for _, s := range speechWords {
			tol := 1
			if len(s) >= 9 {
				tol = 2
			}
			if w != s && quote.EditDistance(w, s, tol) <= tol {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// looksPlural reports whether w ends like an English plural.
func looksPlural(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}
