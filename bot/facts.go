package bot

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote"
	"github.com/privacybot/privacybot/retrieval"
)

const (
	// minCoverage is the share of a question's topic weight a sentence must
	// hold to be shown as evidence.
	minCoverage = 0.34
	// maxEvidence is the most supporting sentences shown.
	maxEvidence = 3
	// maxFactQuotes is the most quotations shown with a fact answer.
	maxFactQuotes = 3
)

// coverage is the share of the topic's IDF weight that the term set holds.
// The focus term, the noun the question asks about ("services" in "What
// services …"), weighs three times as much.
func coverage(st *statsSnapshot, topic []string, focus string, have map[string]bool) float64 {
	var got, all float64
	for _, t := range topic {
		held := st.has(t)
		if !held && !relatedHeld(st, t) {
			continue // a word no source holds cannot be covered; factAnswer weighs those
		}
		w := st.idf(t)
		if t == focus {
			w *= 3
		}
		all += w
		switch {
		case have[t], have[eVariant(t)]:
			got += w
		case !held && relatedOrKinIn(st, t, have), held && relatedIn(t, have):
			got += relatedWeight * w // "stock" asked, "shares" written
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// eVariant is the other stem of a verb whose "e" the stemmer keeps in one
// form and drops in another: "raise" and "rais" (raised), "creat"
// (created) and "create".
func eVariant(t string) string {
	if strings.HasSuffix(t, "e") {
		return t[:len(t)-1]
	}
	return t + "e"
}

// heldVariants replaces each topic term no source holds by its
// eVariant when some source holds that: "raise" asked, "raised" (rais)
// written.
func heldVariants(st *statsSnapshot, topic []string) []string {
	out := make([]string, len(topic))
	for i, t := range topic {
		out[i] = t
		if !st.has(t) && st.has(eVariant(t)) {
			out[i] = eVariant(t)
		}
	}
	return out
}

// longRe asks how long something took or lasted; durationRe finds a
// length of time.
var (
	longRe     = regexp.MustCompile(`(?i)\b(how|so|too|this|that) long\b`)
	durationRe = regexp.MustCompile(`(?i)\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|many)\s+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b`)
)

// whoAreRe asks who some people or organizations are ("Who are
// Facebook's partners?"): the answer names them.
var whoAreRe = regexp.MustCompile(`(?i)^\W*who\s+(are|were|is|was|have been)\b`)

// namesListed counts the capitalised words of text after its first word:
// the names a sentence lists.
func namesListed(text string) int {
	n := 0
	for i, f := range strings.Fields(text) {
		if r := []rune(strings.Trim(f, `"“‘'(`)); i > 0 && len(r) > 1 && unicode.IsUpper(r[0]) {
			n++
		}
	}
	return n
}

// numberQuestionRe matches questions whose answer is a number.
var numberQuestionRe = regexp.MustCompile(`(?i)\bhow (many|much|big|large|long|often)\b|\bwhat (number|percentage|share|amount)\b`)

// enumerationRe finds sentences that list things.
var enumerationRe = regexp.MustCompile(`(?i)\b(include|includes|included|including|such as|among them)\b|,[^,]+,[^,]+,`)

// digitGroupRe matches the comma that groups a figure's digits ("3,000").
var digitGroupRe = regexp.MustCompile(`(\d),(\d)`)

// enumerates reports whether text lists things ("including …", "A, B,
// C, …"). A comma inside a figure separates nothing: "employs 3,000
// drivers, twice as many as its rival, …" is no list.
func enumerates(text string) bool {
	return enumerationRe.MatchString(digitGroupRe.ReplaceAllString(text, "$1$2"))
}

type candidate struct {
	ev    Evidence
	key   string
	score float64
	// mentions is set when the sentence names an entity of the question.
	mentions bool
}

// factAnswer picks the sentences that best answer the question, plus any
// quotation that does, and abstains when nothing covers enough of it.
func (e *Engine) factAnswer(b *builder, hits []retrieval.Hit) {
	cands, quotes := e.rankEvidence(b, hits)
	if len(quotes) > 0 {
		b.addQuotes(groupQuotes(quotes, nil))
	}
	b.addEvidence(cands, maxEvidence, nil)
	if len(b.ans.Evidence) == 0 && len(b.ans.Groups) == 0 {
		return
	}
	b.ans.Lead = "Here is what the sources say."
	if numberQuestionRe.MatchString(b.p.asked) && !answerHasFigure(b.ans) {
		// "How many users does JPMorgan have?" and no figure to give.
		b.ans.Lead = PartialLead
	}
}

// answerHasFigure reports whether some evidence or quotation of the
// answer gives a figure.
func answerHasFigure(a Answer) bool {
	for _, ev := range a.Evidence {
		if hasFigure(ev.Text) {
			return true
		}
	}
	for _, q := range a.Quotes() {
		if hasFigure(q.Text) {
			return true
		}
	}
	return false
}

// nameFreeFocus returns the focus of a question, the noun it asks about,
// past any name the classifier took for it: "How many Wells Fargo
// employees …" asks about employees.
func nameFreeFocus(q, focus string) string {
	m := focusRe.FindStringSubmatchIndex(q)
	if m == nil || focus == "" {
		return focus
	}
	if r := []rune(q[m[2]:m[3]]); len(r) == 0 || !unicode.IsUpper(r[0]) {
		return focus
	}
	for _, f := range strings.Fields(q[m[2]:]) {
		ws := words(f)
		if len(ws) != 1 || stopwords[ws[0]] {
			return focus
		}
		if r := []rune(f); !unicode.IsUpper(r[0]) {
			return stem(ws[0])
		}
	}
	return focus
}

// reportNounRe finds "report" used as a noun ("the WSJ report", "a
// report"): it names a document, not someone's words. ("X's statement"
// still asks for X's words.)
var reportNounRe = regexp.MustCompile(`(?i)\b(the|a|an|this|that|its|their|his|her|[\p{L}]+'s|[\p{L}]+’s|[A-Z]{2,})\s+(reports?)\b`)

// factKind is the kind of a question the classifier took for a quote
// question only for a speech word it uses as a noun: "What happened to
// Facebook's stock when the WSJ report came out?" asks for a fact.
func factKind(p *plan) Kind {
	p.focus = nameFreeFocus(p.asked, p.focus)
	if p.kind != KindQuote || p.yesNo || p.compare || p.whoSaid || len(p.topic) == 0 {
		return p.kind
	}
	if numberQuestionRe.MatchString(p.asked) && !quoteVerbRe.MatchString(p.asked) {
		// "how much was the bank fined", even after "What did the CEO
		// tell the Senate?": a figure, not someone's words.
		return KindFact
	}
	if !reportNounRe.MatchString(p.asked) {
		return p.kind
	}
	if quoteVerbRe.MatchString(reportNounRe.ReplaceAllString(p.asked, " ")) {
		return p.kind
	}
	return KindFact
}

// rankEvidence scores the sentences of the retrieved passages (and the
// passage after each) against the question, best first, and picks the
// retrieved quotations that answer it on their own.
func (e *Engine) rankEvidence(b *builder, hits []retrieval.Hit) ([]candidate, []quote.Quote) {
	topic := b.p.topic
	if len(topic) == 0 {
		topic = contentTerms(b.p.query)
	}
	topic = dropHowWord(b.p.asked, topic)
	// A topic word that no source holds at all means the sources cannot
	// answer, unless it is rare noise next to several covered words.
	topic = heldVariants(b.snap.statistics(), topic)
	missing := 0
	for _, t := range topic {
		if !b.snap.statistics().has(t) && !relatedHeld(b.snap.statistics(), t) && !moneyTerms[t] {
			missing++
		}
	}
	// A speaker the question names counts as one covered word ("Did
	// StrideLabs admit wrongdoing?" over "an admission of wrongdoing").
	anchored := 0
	if len(b.p.entities) > 0 {
		anchored = 1
	}
	if len(topic) == 0 || missing*2 >= len(topic)+anchored {
		return nil, nil
	}
	entityTerms := map[string]bool{}
	for _, en := range b.p.entities {
		for _, w := range words(en) {
			entityTerms[stem(w)] = true
		}
	}
	cor := b.snap.corpus
	wantsNumber := numberQuestionRe.MatchString(b.p.asked)
	// A fact question that names someone is answered only by evidence
	// naming them (bot/named.go); a quote question's speakers are
	// weighed by mentions instead.
	var names [][]string
	if b.p.kind != KindQuote {
		names = questionNames(b.p)
	}
	var cands []candidate
	var quotes []quote.Quote
	examined := map[[2]any]bool{}
	for rank, h := range hits {
		if h.Quote != nil {
			if coverage(b.snap.statistics(), topic, b.p.focus, termSet(h.Quote.Text)) >= 0.6 && (!wantsNumber || hasFigure(h.Quote.Text)) && len(quotes) < maxFactQuotes && quoteNames(cor, names, h.Quote) {
				quotes = append(quotes, *h.Quote)
			}
			continue
		}
		src, err := cor.Get(h.Source)
		if err != nil {
			continue
		}
		// The paragraph after a hit often carries the answer the hit
		// introduces ("…services into Messenger." then "Some of the
		// services … include …").
		spans := []corpus.Span{h.Span}
		if i := src.ParagraphAt(h.Start); i >= 0 && i+1 < len(src.Paragraphs) {
			spans = append(spans, src.Paragraphs[i+1])
		}
		for _, para := range spans {
			if examined[[2]any{src.ID, para.Start}] {
				continue
			}
			examined[[2]any{src.ID, para.Start}] = true
			if len(names) > 0 && !namesHeld(names, nameContext(src, para)) {
				continue // nothing here names whom the question asks about
			}
			cands = append(cands, e.sentenceCandidates(b, src, para, rank, topic, entityTerms, names, wantsNumber)...)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	return cands, quotes
}

// addQuotes appends speaker groups to the answer and cites their sources.
func (b *builder) addQuotes(groups []SpeakerGroup) {
	b.ans.Groups = append(b.ans.Groups, groups...)
	for _, g := range groups {
		for _, q := range g.Quotes {
			for _, c := range q.Citations {
				b.cite(c.Source)
			}
		}
		for _, s := range g.Silences {
			b.cite(s.Citation.Source)
		}
	}
}

// addEvidence appends up to max of the ranked sentences that keep passes
// (nil keeps all), skipping repeats and sentences that only carry a
// quotation the answer already shows.
func (b *builder) addEvidence(cands []candidate, max int, keep func(candidate) bool) {
	seen := map[string]bool{}
	for _, q := range b.ans.Quotes() {
		fq := foldQuote(q.Text)
		for _, c := range cands {
			if strings.Contains(c.key, fq) {
				seen[c.key] = true
			}
		}
	}
	added := 0
	for _, c := range cands {
		if seen[c.key] || added >= max || (keep != nil && !keep(c)) {
			continue
		}
		seen[c.key] = true
		b.ans.Evidence = append(b.ans.Evidence, c.ev)
		b.cite(c.ev.Source)
		added++
	}
}

// contextTerms returns the terms of a paragraph and of the one before it.
func contextTerms(src *corpus.Source, sp corpus.Span) map[string]bool {
	ts := termSet(src.Text[sp.Start:sp.End])
	if i := src.ParagraphAt(sp.Start); i > 0 {
		p := src.Paragraphs[i-1]
		for t := range termSet(src.Text[p.Start:p.End]) {
			ts[t] = true
		}
	}
	return ts
}

// mentionEvidence cites up to n sentences that hold any of the terms,
// looking only in the passages a search for them returns.
func (e *Engine) mentionEvidence(ctx context.Context, b *builder, terms map[string]bool, n int) {
	var q []string
	for t := range terms {
		q = append(q, t)
	}
	sort.Strings(q)
	hits, err := b.snap.Search(ctx, retrieval.SearchOptions{Query: strings.Join(q, " "), K: 3 * n, Kind: "paragraph"})
	if err != nil {
		return
	}
	cor := b.snap.corpus
	for _, h := range hits {
		src, err := cor.Get(h.Source)
		if err != nil {
			continue
		}
		for _, sp := range sentenceSpans(src.Text, h.Start, h.End) {
			text := src.Text[sp[0]:sp[1]]
			ts := termSet(text)
			hit := false
			for t := range terms {
				if ts[t] {
					hit = true
				}
			}
			if !hit {
				continue
			}
			b.ans.Evidence = append(b.ans.Evidence, Evidence{Text: text, Citation: Citation{Source: src.ID, Start: sp[0], End: sp[1]}})
			b.cite(src.ID)
			if len(b.ans.Evidence) >= n {
				return
			}
			break
		}
	}
}

// sentenceCandidates scores each sentence of one paragraph as evidence.
func (e *Engine) sentenceCandidates(b *builder, src *corpus.Source, para corpus.Span, rank int, topic []string, entityTerms map[string]bool, names [][]string, wantsNumber bool) []candidate {
	var cands []candidate
	context := contextTerms(src, para)
	var nameCtx map[string]bool
	if len(names) > 0 {
		nameCtx = nameContext(src, para)
	}
	for _, sp := range sentenceSpans(src.Text, para.Start, para.End) {
		text := src.Text[sp[0]:sp[1]]
		own := withMoney(termSet(text), text)
		ts := withMoney(termSet(text), text)
		cov := coverage(b.snap.statistics(), topic, b.p.focus, ts)
		// A sentence may answer with words of its own while the
		// question's other words sit around it.
		for t := range context {
			ts[t] = true
		}
		cov = 0.6*cov + 0.4*coverage(b.snap.statistics(), topic, b.p.focus, ts)
		near := wantsNumber && figureNearTopic(text, topic, names, countQuestionRe.MatchString(b.p.asked))
		bar := minCoverage
		if near {
			// "The texting service boasts 1.3 billion users" answers "how
			// big is Messenger's user base" with few of its words.
			bar = minCoverage / 2
		}
		if cov < bar || !namesSentence(names, src, text, nameCtx) {
			continue
		}
		score := cov - 0.01*float64(rank)
		if wantsNumber && hasFigure(text) {
			score += 0.3
			if hasDigitFigure(text) {
				score += 0.3 // "5,300" says more than "thousands"
			}
			if near {
				score += 0.3 // "5,300 employees were fired" for "How many employees…"
			}
			if figureNearEntity(text, entityTerms) || figureNearEntity(text, nameSet(names)) {
				score += 0.2 // "Stumpf made $19.3 million" for "How much does he make?"
			}
		}
		if b.p.focus != "" && ts[b.p.focus] && enumerates(text) {
			score += 0.2 // "What services …?" is answered by a list of them
		}
		if longRe.MatchString(b.p.asked) && durationRe.MatchString(text) {
			score += 0.3 // "How long…?", "Why so long?": "three weeks after"
		}
		if strings.HasSuffix(strings.TrimRight(text, `"”’' `), "?") {
			score -= 0.3 // a question in the sources asks, it does not answer
		}
		if whoAreRe.MatchString(b.p.asked) && enumerates(text) && namesListed(text) >= 3 {
			score += 0.2 // "Who are its partners?" is answered by a list of names
		}
		if strings.ContainsAny(text, "\"“”") {
			score -= 0.05 // prefer the article's own words to a quotation
		}
		mentions := false
		for t := range entityTerms {
			if own[t] {
				score += 0.1
				mentions = true
			}
		}
		cands = append(cands, candidate{
			ev:       Evidence{Text: text, Citation: Citation{Source: src.ID, Start: sp[0], End: sp[1]}},
			key:      foldQuote(text),
			score:    score,
			mentions: mentions,
		})
	}
	return cands
}
