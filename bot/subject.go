package bot

import (
	"context"
	"regexp"
	"strings"

	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

// speechAsk is the part of a pattern that asks for someone's words.
const speechAsk = `(?:say|said|says|saying|comment\w*|respond\w*|react\w*|reply|replied|speak|spoke|spoken|talk\w*|tell|told|state|stated|think|thought|characteri[sz]e\w*|describe\w*|weigh\w* in|make of|feel\w*)`

// subjectName is up to four words naming someone.
const subjectName = `((?:[\p{L}\d.&'’-]+\s+){0,3}?[\p{L}\d.&'’-]+?)`

var subjectRes = []*regexp.Regexp{
	// "What did goldman sachs say about…", "How has Meta responded…"
	regexp.MustCompile(`(?i)^\W*(?:what|how|why|when|where)\s+(?:did|does|do|has|have|had|is|was|were|will|would)\s+` + subjectName + `\s+(?:ever\s+|publicly\s+|actually\s+)?` + speechAsk + `\b`),
	// "Did Bank of America comment?", "has goldman sachs said anything"
	regexp.MustCompile(`(?i)^\W*(?:did|does|do|has|have|had|is|was|were|will)\s+` + subjectName + `\s+(?:ever\s+|publicly\s+|actually\s+|already\s+)?` + speechAsk + `\b`),
	// "elon musk's take on…", "What was Meta's response?"
	regexp.MustCompile(`(?i)^\W*(?:(?:what|how)(?:'s|’s| is| was| were| are)\s+)?` + subjectName + `(?:'s|’s|s'|s’)\s+(?:take|response|reaction|position|view|views|stance|statement|comment|comments|answer|reply|thoughts|opinion|side)\b`),
}

// notNames start a phrase that describes someone instead of naming them
// ("the bank", "their lawyers").
var notNames = toSet(`the a an its their his her our your my this that these those they he she it we you i any anyone anybody someone somebody everyone people each every some other others no nobody all most`)

// speakerAskedAbout returns the name of the speaker a question asks about
// when it names one the ledger does not know ("Did Bank of America
// comment?"), as typed; "" when it names none, or describes them ("the
// bank").
func speakerAskedAbout(snap *snapshot, text string) string {
	for _, re := range subjectRes {
		m := re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		name := strings.TrimSpace(m[1])
		ws := words(name)
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
