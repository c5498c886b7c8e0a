package synth

import (
	"fmt"
	"strings"
)

// Question kinds.
const (
	// WhoSaid asks what a speaker or organization said.
	WhoSaid = "who-said-what"
	// FactQ asks for a figure an article reports.
	FactQ = "fact"
	// NoAnswer asks something no article answers.
	NoAnswer = "no-answer"
	// Summary asks for a summary of the story an article's headline names.
	Summary = "summary"
)

// summaryForms are the ways a summary question is put; %s is a headline.
var summaryForms = []string{
	"Summarize the story %s",
	"Give me the gist of %s",
	"What are the key points on %s?",
	"Sum up the coverage of %s",
}

// Question is a benchmark question drawn from the corpus, with the article
// it came from ("" for no-answer questions).
type Question struct {
	Kind   string
	Text   string
	Source string
}

// offTopic questions name things the vocabulary never holds.
var offTopic = []string{
	"What is the recipe for %s sourdough bread?",
	"Who won the %s football final?",
	"How tall is the tallest %s volcano?",
	"What time does the %s ferry leave on Sundays?",
	"How many goals did the striker score against %s?",
}

var offTopicFill = strings.Fields(`rye spelt alpine volcanic autumn winter island midnight`)

var strangers = strings.Fields(`Quillon Brambleworth Ozymandias Thistlewaite Marigold Pennywhistle Barnabus Fogsworth Ignatius Wobblesby Cordelia Snodgrass`)

// Questions returns n questions of the given kind about the corpus,
// deterministically: who-said-what questions name speakers and
// organizations the articles quote, fact questions ask for a product's
// users, no-answer questions ask about strangers or off-topic matters, and
// summary questions ask for the gist of the story a headline names.
func (c *Corpus) Questions(kind string, n int) []Question {
	r := newRNG(c.g.seed^0x51ed, uint64(len(kind)*1_000_003+n))
	var out []Question
	for tries := 0; len(out) < n && tries < 100*n+100; tries++ {
		i := r.intn(c.n)
		switch kind {
		case WhoSaid:
			a := c.g.Article(i)
			if len(a.Quotes) == 0 {
				continue
			}
			q := pick(r, a.Quotes)
			var text string
			switch {
			case q.Speaker != "" && r.chance(0.5):
				text = fmt.Sprintf("What did %s say?", q.Speaker)
			case q.Speaker != "":
				text = fmt.Sprintf("What did %s say about %s?", q.Speaker, topicOf(q.Text))
			default:
				text = fmt.Sprintf("What did %s say about %s?", q.Organization, topicOf(q.Text))
			}
			out = append(out, Question{Kind: kind, Text: text, Source: a.ID()})
		case FactQ:
			a := c.g.Article(i)
			if len(a.Facts) == 0 {
				continue
			}
			f := a.Facts[0]
			out = append(out, Question{Kind: kind, Text: fmt.Sprintf("How many users does the %s app have in %s?", f.Product, f.Country), Source: a.ID()})
		case Summary:
			a := c.g.Article(i)
			out = append(out, Question{Kind: kind, Text: fmt.Sprintf(pick(r, summaryForms), strings.TrimSuffix(a.Title, ".")), Source: a.ID()})
		case NoAnswer:
			var text string
			if r.chance(0.5) {
				text = fmt.Sprintf(pick(r, offTopic), pick(r, offTopicFill))
			} else {
				text = fmt.Sprintf("What did %s %s say about %s?", pick(r, strangers), pick(r, strangers), pick(r, nounList))
			}
			out = append(out, Question{Kind: kind, Text: text})
		default:
			return nil
		}
	}
	return out
}

// topicOf picks the longest word of a quotation as what it is about.
func topicOf(q string) string {
	best := ""
	for _, w := range strings.Fields(q) {
		w = strings.Trim(w, ".,;:!?\"“”")
		if len(w) > len(best) {
			best = strings.ToLower(w)
		}
	}
	return best
}
