package bot

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/retrieval"
)

// Overview questions — summaries ("Summarize", "What's the gist?") and
// timelines ("What's the timeline?", "When did …?") — are answered from
// whole articles rather than from the passages a search returns: the
// articles on the question's topic, or, with no topic, the most recent.

const (
	// KindSummary asks for a summary or an overview of the sources.
	KindSummary Kind = "summary"
	// KindTimeline asks when something happened, or in what order.
	KindTimeline Kind = "timeline"
)

// maxOverviewArticles is the most articles a summary or timeline reads.
const maxOverviewArticles = 8

var (
	summaryRe = regexp.MustCompile(`(?i)\b(summar(y|ies|i[sz]e|i[sz]ing)|sum (it |this |that |things |everything )?up|gist|overview|tl;? ?dr|recap|rundown|run-down|digest|in a nutshell|brief me|the short version|key (points|takeaways|facts|findings|things)|main (points|takeaways|facts|story|stories|things|news)|takeaways|highlights|what('?s| is| are)( the)? (new|latest|news)|any news|(what('?s| is| are)|tell me what('?s| is)) (this|it|that|these|those|they|everything|(the|these|those) (story|stories|news|coverage|articles?|sources?|reports?|pieces?))( all)? about|what('?s| is) going on|what('?s| is| are) the (story|news|situation|deal)|explain (the|this|it|that|what)|in (a few|few|two|three|four|five|\d+|a couple of) (sentences|words|lines|paragraphs|bullets|bullet points)|in (short|brief)\b|overall (picture|story|message|view)|big picture|bottom line|(need|should|must|ought)\b.{0,24}\bknow\b|the basics|catch me up|fill me in|bring me up to speed)\b|^\W*what('?s| is| has been)? (happened|happening|going on)\W*$|\boverall\W*$`)
	// strongSummaryRe asks for a summary in words no other question uses;
	// saidRe asks for someone's words ("Summarize what JPMorgan said").
	strongSummaryRe = regexp.MustCompile(`(?i)\b(summar(y|ies|i[sz]e|i[sz]ing)|gist|overview|tl;? ?dr|recap|rundown|in a nutshell|brief me|key (points|takeaways)|takeaways|highlights)\b`)
	saidRe          = regexp.MustCompile(`(?i)\b(say|said|says|saying|statements?|comments?|commented|told|quotes?|quoted|words)\b`)
	// timelineRe asks for dates or an order of events.
	timelineRe = regexp.MustCompile(`(?i)\b(time ?line|chronolog\w*|sequence of events|order of events|in (what|which) order|what happened (first|next|last|after|before|then)|what came (first|next)|(which|what) (came|happened) first|how did (it|this|that|the story|things|events) (unfold|develop|play out|evolve)|dates?|how long ago)\b|^\W*(when|when's|whens|since when|how long ago|what (day|date|year|month|time))\b`)
	whenRe     = regexp.MustCompile(`(?i)^\W*(when|when's|whens|since when|how long ago|what (day|date|year|month|time))\b`)
	// overviewWords are question words that ask for the overview itself,
	// not a topic.
	overviewWords = toSet(`summarize summarise summary summaries summarizing sum up gist overview tl dr tldr recap rundown run down digest nutshell brief
me give short version key point points takeaway takeaways fact facts finding findings thing things main story stories news new latest highlight highlights
going happened happen happening coverage boss manager quick quickly short shortly simple simply plain word words line lines explain write paragraph sentence
timeline time chronology chronological chronologically sequence event events order first next last then before after came come unfold develop play evolve
date dates day year month long ago when since everything whole entire overall general generally all bullet bullets list important importantly big picture
just can could would you please few couple bit briefly brief detail details quick version tell explain explained know need should must ought
say says said published publish posted written dated case cases saga affair episode pls plz thx thanks ok okay hey hi lol
editor editors colleague colleagues team readers`)
)

// overviewKind is the kind of question p is once overview questions are
// told apart: a summary, a timeline, or the kind the classifier gave.
// Questions for someone's words stay quote questions, except "When did X
// say …?".
func overviewKind(p *plan) Kind {
	if p.kind == KindSources || p.kind == KindOutOfScope || p.silence || p.whoSaid {
		return p.kind
	}
	k, ok := isOverview(p.asked)
	switch {
	case !ok:
		return p.kind
	case k == KindSummary && strongSummaryRe.MatchString(p.asked) && !saidRe.MatchString(p.asked):
		return k // "tl;dr of the Facebook bank data reports"
	case k == KindTimeline && whenRe.MatchString(strings.ReplaceAll(p.asked, "’", "'")):
		return k
	case p.kind == KindQuote && p.wantsQuotes && len(p.entities) > 0:
		return p.kind // "Summarize what JPMorgan said"
	}
	return k
}

// overviewAnswer answers a summary or timeline question.
func (e *Engine) overviewAnswer(ctx context.Context, b *builder) error {
	var err error
	if b.p.kind == KindSummary {
		err = e.summaryAnswer(ctx, b)
	} else {
		err = e.timelineAnswer(ctx, b)
	}
	if err != nil {
		return err
	}
	if b.ans.Abstained() {
		b.ans.Kind = KindOutOfScope
		if b.ans.Lead == "" {
			b.ans.Lead = NoAnswer
		}
	}
	return nil
}

// isOverview reports which overview kind, if any, the question asks for.
func isOverview(text string) (Kind, bool) {
	text = strings.ReplaceAll(text, "’", "'")
	switch {
	case timelineRe.MatchString(text):
		return KindTimeline, true
	case summaryRe.MatchString(text):
		return KindSummary, true
	}
	return "", false
}

// overviewTopic returns the stemmed content terms of an overview question
// that name what it is about, entity names included.
func overviewTopic(st *statsSnapshot, q string) []string {
	var out []string
	for _, w := range words(q) {
		if stopwords[w] || overviewWords[w] || len(w) < 2 || !st.has(stem(w)) && typoOfFiller(w) {
			continue
		}
		s := stem(w)
		if overviewWords[s] || overviewWords[strings.TrimSuffix(w, "s")] {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// typoOfFiller reports whether w is one slip (a letter missing, extra,
// wrong or two swapped) away from a stopword or an overview word: "teh",
// "whats", "summarise" typed "sumarize".
func typoOfFiller(w string) bool {
	if len(w) < 3 || len(w) > 12 {
		return false
	}
	for _, set := range []map[string]bool{stopwords, overviewWords} {
		for f := range set {
			if len(f) >= 3 && oneSlip(w, f) {
				return true
			}
		}
	}
	return false
}

// oneSlip reports whether a and b differ by one edit or one swap of
// neighbouring letters.
func oneSlip(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		diff := -1
		for i := 0; i < la; i++ {
			if a[i] != b[i] {
				if diff >= 0 {
					// two differences: a swap of neighbours only
					return i == diff+1 && a[diff] == b[i] && a[i] == b[diff] && a[i+1:] == b[i+1:]
				}
				diff = i
			}
		}
		return true
	case la == lb+1:
		a, b = b, a
		fallthrough
	case lb == la+1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

// overviewArticles picks the articles an overview reads: those on the
// topic, the one whose headline it is first, or with no topic the most
// recent. It returns nil and
// a lead when the sources do not cover the topic.
func overviewArticles(ctx context.Context, b *builder, topic []string, query string) ([]*corpus.Source, string, error) {
	st := b.snap.statistics()
	if len(topic) == 0 {
		return recentSources(b.snap.corpus, maxOverviewArticles), "", nil
	}
	var missing []string
	speech := 0
	for _, t := range topic {
		if !st.has(t) && !relatedHeld(st, t) && !inHeadlines(b.snap.corpus, t) {
			missing = append(missing, t)
			if quoteVerbRe.MatchString(t) {
				speech++ // "how the banks reacted": the manner, not the matter
			}
		}
	}
	if len(missing) == len(topic) || (len(missing)-speech)*2 >= len(topic) {
		return nil, NoAnswer, nil
	}
	// The search is for the topic alone: "summarize", "gist" and the
	// like would only match passages that happen to use them.
	hits, err := b.snap.Search(ctx, retrieval.SearchOptions{Query: expandQuery(st, query), K: 30, Kind: retrieval.KindParagraph})
	if err != nil {
		return nil, "", fmt.Errorf("search passages: %w", err)
	}
	// Headlines name stories: the articles whose headline holds the
	// topic are candidates beside the passages the search finds.
	for _, src := range titleMatches(b.snap.corpus, st, topic, 10) {
		hits = append(hits, retrieval.Hit{Source: src.ID})
	}
	want := map[string]bool{}
	for _, t := range topic {
		want[t] = true
		for _, r := range related[t] {
			want[r] = true
		}
		for _, k := range kin(st, t) {
			want[k] = true
		}
	}
	type ranked struct {
		src *corpus.Source
		cov float64
	}
	var on []ranked
	seen := map[string]bool{}
	for _, h := range hits {
		if seen[h.Source] {
			continue
		}
		seen[h.Source] = true
		src, err := b.snap.corpus.Get(h.Source)
		if err != nil {
			continue
		}
		// An article is on the topic when it holds most of the topic's
		// weight: a passage may match one word of it by chance.
		cov := topicCoverage(st, topic, missing, relatedClosure(termsAmong(src.Text, want)))
		if cov < 0.6 {
			continue
		}
		// The article whose headline is the topic is the story itself.
		cov += topicCoverage(st, topic, missing, termsAmong(src.Title+" "+byline(src), want))
		on = append(on, ranked{src, cov})
	}
	if len(on) == 0 {
		return nil, NoAnswer, nil
	}
	sort.SliceStable(on, func(i, j int) bool { return on[i].cov > on[j].cov })
	if len(on) > maxOverviewArticles {
		on = on[:maxOverviewArticles]
	}
	out := make([]*corpus.Source, len(on))
	for i, r := range on {
		out[i] = r.src
	}
	return out, "", nil
}

// topicCoverage is the share of the topic's IDF weight that the term set
// holds, leaving out the missing terms, which no source holds in any form.
// Unlike coverage it counts a term only the headlines and bylines hold.
func topicCoverage(st *statsSnapshot, topic, missing []string, have map[string]bool) float64 {
	var got, all float64
	for _, t := range topic {
		if slices.Contains(missing, t) {
			continue
		}
		w := st.idf(t)
		all += w
		switch {
		case have[t]:
			got += w
		case relatedOrKinIn(st, t, have):
			got += relatedWeight * w
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// termsAmong returns the stemmed words of text that are in want.
func termsAmong(text string, want map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(text) {
		if s := stem(w); want[s] {
			out[s] = true
		}
	}
	return out
}

// bodySentence is one sentence of an article's body.
type bodySentence struct {
	src   *corpus.Source
	span  [2]int
	text  string
	terms map[string]bool
	// pos is the sentence's place in its article, from 0.
	pos int
}

// bodySentences returns the sentences of an article's paragraphs that read
// as prose: ending in punctuation, of a sensible length, not the headline.
func bodySentences(src *corpus.Source) []bodySentence {
	var out []bodySentence
	title := foldQuote(src.Title)
	for _, para := range src.Paragraphs {
		for _, sp := range sentenceSpans(src.Text, para.Start, para.End) {
			text := src.Text[sp[0]:sp[1]]
			n := len(strings.Fields(text))
			if n < 6 || n > 70 || !endsSentence(text) || foldQuote(text) == title || unbalancedQuotes(text) {
				continue
			}
			out = append(out, bodySentence{src: src, span: sp, text: text, terms: termSet(text), pos: len(out)})
		}
	}
	return out
}

// unbalancedQuotes reports whether a sentence opens or closes a quotation
// it does not hold whole: a piece of a longer quotation, which reads badly
// alone.
func unbalancedQuotes(s string) bool {
	straight := strings.Count(s, `"`)
	return straight%2 == 1 || strings.Count(s, "“") != strings.Count(s, "”")
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"”’')`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// jaccard is the overlap of two term sets.
func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for t := range a {
		if b[t] {
			inter++
		}
	}
	u := len(a) + len(b) - inter
	if u == 0 {
		return 0
	}
	return float64(inter) / float64(u)
}

// topicLabel is the topic of an overview question in the question's own
// words, for the lead.
func topicLabel(q string, topic []string) string {
	want := map[string]bool{}
	for _, t := range topic {
		want[t] = true
	}
	var ws []string
	for _, f := range strings.Fields(q) {
		w := words(f)
		if len(w) == 1 && want[stem(w[0])] {
			ws = append(ws, strings.Trim(f, `?.!,;:"“”`))
		}
	}
	return strings.Join(ws, " ")
}
