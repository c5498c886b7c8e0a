package quote

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/quote/internal/keep"
)

// The rules of keep leave some quoted spans in doubt: a short phrase no one
// is said to have said right beside it may be a partial quotation or a
// scare quote, a title or a nickname. A logistic model learned from
// labelled news (internal/keep) decides those: a span the rules kept, with
// no attribution right next to it, is dropped when the model gives it a
// low probability of being speech.

// keepMaxWords is the longest span the model decides: longer ones the
// rules keep are nearly all speech.
const keepMaxWords = 1000

// learnedKeep reports whether the model keeps the quoted span q at
// toks[qi] in paragraph p, given the rules' verdict v. A span the rules
// are sure is not speech stays out.
func (x *extractor) learnedKeep(q qspan, toks []token, qi, cue, prevCue int, w who, p corpus.Span, nq int, v verdict) bool {
	if v == dropSure {
		return false
	}
	rule := v == keepSpeech
	if rule && !w.near && x.singleScare(q, p) {
		return false
	}
	words := strings.Fields(x.text[q.Start:q.End])
	if len(words) > keepMaxWords || !rule && (titleCase(words) || len(words) == 1) {
		// A title the rules dropped stays dropped: names of works are
		// not speech, though some labelled articles mark them; so does
		// a single word ("the “features” it plans", "“miracle” pills"),
		// a scare quote more often than not.
		return rule
	}
	m := keep.Default
	if keep.Observe == nil && (rule && m.Threshold <= 0 || !rule && m.Rescue >= 1) {
		return rule
	}
	f := x.keepFeats(q, toks, qi, cue, prevCue, w, p, nq)
	if rule {
		f = append(f, "rule.keep")
	} else {
		f = append(f, "rule.drop")
	}
	if keep.Observe != nil {
		keep.Observe(keep.Event{Start: q.Start, End: q.End, Rule: rule, Feats: f})
		return rule
	}
	return m.Keep(f, rule)
}

// keepFeats describes a quoted span for the keep model: its length and
// shape, the words around it, the cue words of its sentence and its place
// in the paragraph.
func (x *extractor) keepFeats(q qspan, toks []token, qi, cue, prevCue int, w who, p corpus.Span, nq int) []string {
	body := x.text[q.Start:q.End]
	words := strings.Fields(body)
	f := make([]string, 0, 40)
	f = append(f, "bias")
	lb := lenBucket(len(words))
	f = append(f, "len"+lb)
	trim := strings.TrimRight(body, " ")
	end := "other"
	switch {
	case strings.HasSuffix(trim, "."):
		end = "stop"
	case strings.HasSuffix(trim, "?"):
		end = "q"
	case strings.HasSuffix(trim, "!"):
		end = "excl"
	case strings.HasSuffix(trim, ","):
		end = "comma"
	}
	f = append(f, "end."+end, "end."+end+"&len"+lb)
	capStart := isUpperRune(firstRune(body))
	f = append(f, "cap"+strconv.FormatBool(capStart), "cap"+strconv.FormatBool(capStart)+"&len"+lb)
	if titleCase(words) {
		f = append(f, "title", "title&len"+lb)
	}
	if strings.Count(body, "?") >= 2 {
		f = append(f, "manyq")
	}
	inner := strings.TrimRight(trim, ".,!?")
	if strings.ContainsAny(inner, ".!?;:") {
		f = append(f, "innerstop")
	}
	if strings.ContainsAny(inner, ",") {
		f = append(f, "innercomma")
	}
	if noLower(body) {
		f = append(f, "allcaps")
	}
	if speechWords(words) {
		f = append(f, "person", "person&len"+lb)
	}
	if len(words) <= 6 {
		if twice(x.text, strings.Trim(body, " ,.!?")) {
			f = append(f, "repeated", "repeated&cap"+strconv.FormatBool(capStart))
		}
	}
	f = append(f, "who."+whoKind(w))
	if w.near {
		f = append(f, "near", "near&len"+lb)
	}
	if w.how != "" {
		f = append(f, "how."+w.how)
	}
	rc := x.firstReportCue(toks)
	switch {
	case rc < 0:
		f = append(f, "rcue.none")
	case qi >= 0 && rc < qi:
		f = append(f, "rcue.before", "rcue.before&len"+lb, "rcw="+toks[rc].lower())
		if qi-rc <= 3 {
			f = append(f, "rcue.near")
		} else if qi-rc > 8 {
			f = append(f, "rcue.far")
		}
	default:
		f = append(f, "rcue.after", "rcw.after="+toks[rc].lower())
	}
	switch {
	case cue < 0:
		f = append(f, "cue.none")
	case qi >= 0 && cue < qi:
		f = append(f, "cue.before")
	default:
		f = append(f, "cue.after")
	}
	if prevCue >= 0 {
		f = append(f, "prevcue")
	}
	if qi >= 0 {
		prev := "start"
		if qi > 0 {
			prev = wordClass(toks[qi-1])
		}
		f = append(f, "prev."+prev, "prev."+prev+"&len"+lb)
		if qi > 0 && !toks[qi-1].isCap() {
			f = append(f, "prevw="+toks[qi-1].lower())
		}
		if qi > 1 {
			f = append(f, "prev2."+wordClass(toks[qi-2]))
		}
		next := "end"
		if qi+1 < len(toks) {
			next = wordClass(toks[qi+1])
			if !toks[qi+1].Punct && !toks[qi+1].isCap() && !isVerb(toks[qi+1]) && next == "word" {
				next = "noun"
			}
		}
		f = append(f, "next."+next, "next."+next+"&len"+lb)
		if qi+1 < len(toks) && !toks[qi+1].isCap() {
			f = append(f, "nextw="+toks[qi+1].lower())
		}
		if alone(toks, qi) {
			f = append(f, "alone", "alone&len"+lb)
		}
		if nearWorkNoun(toks, qi) {
			f = append(f, "worknoun")
		}
		if len(toks) <= 4 {
			f = append(f, "shortsent")
		}
	}
	if q.Open == p.Start {
		f = append(f, "parastart")
	}
	if wordsAtMost(x.text[p.Start:p.End], 12) {
		f = append(f, "shortpara")
	}
	switch {
	case nq >= 4:
		f = append(f, "paraq.many")
	case nq >= 2:
		f = append(f, "paraq.some")
	}
	if q.Continued {
		f = append(f, "continued")
	}

	return append(f, x.layoutFeats(q, p, lb, end)...)
}

// layoutFeats describes where a quoted span stands on the page: its
// marks, the lead, a newsletter item's capitals label, a promotional or
// embedded line around it.
func (x *extractor) layoutFeats(q qspan, p corpus.Span, lb, end string) []string {
	var f []string
	st := markStyle(x.text[q.Open:])
	switch st {
	case 'q', 'a', 'p':
		f = append(f, "mark.single", "mark.single&len"+lb)
	case 's':
		f = append(f, "mark.straight")
	}
	if ps := x.src.Paragraphs; len(ps) > 0 && p.Start <= ps[min(1, len(ps)-1)].Start {
		f = append(f, "lead", "lead&len"+lb)
	}
	pl := memo(&x.paraLayouts, p.Start, func() paraLayout { return readParaLayout(x.text[p.Start:p.End]) })
	if pl.caps {
		f = append(f, "capslabel", "capslabel&len"+lb)
	}
	if pl.promo {
		f = append(f, "promo")
	}
	if pl.markup {
		f = append(f, "markup")
	}
	if q.Open == p.Start && end == "q" {
		f = append(f, "parastart&q")
	}
	return f
}

// twice reports whether s occurs at least twice in text, without overlap,
// reading no further than the second.
func twice(text, s string) bool {
	if s == "" {
		return len(text) >= 1
	}
	i := strings.Index(text, s)
	return i >= 0 && strings.Contains(text[i+len(s):], s)
}

// wordsAtMost reports whether s has at most n words, reading no further
// than the word after the n-th.
func wordsAtMost(s string, n int) bool {
	c, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			if c++; c > n {
				return false
			}
		}
	}
	return true
}

// paraLayout is what the keep model reads of a quotation's whole
// paragraph, read once per paragraph.
type paraLayout struct{ caps, promo, markup bool }

func readParaLayout(para string) paraLayout {
	return paraLayout{
		caps:   capsLabel(para),
		promo:  promoLine(para),
		markup: strings.Contains(para, "http") || strings.Contains(para, "<") && strings.Contains(para, ">") || strings.Contains(para, "@"),
	}
}

// capsLabel reports whether a paragraph opens with a label in capitals
// before a dash or a colon, as a newsletter's items do ("MOVING SHOP—",
// "POLL WATCH -").
func capsLabel(para string) bool {
	i := strings.IndexAny(para, "—–-:")
	if i <= 0 || i > 60 {
		return false
	}
	label := strings.TrimSpace(para[:i])
	return len(strings.Fields(label)) >= 1 && noLower(label) && len(label) >= 4
}

// promoWords mark a line that promotes the outlet rather than reports.
var promoWords = []string{"click", "subscribe", "sign up", "newsletter", "email address", "follow us", "download", "tune in"}

// promoLine reports whether a paragraph promotes the outlet: it asks the
// reader to click, subscribe, sign up or follow.
func promoLine(para string) bool {
	l := strings.ToLower(para)
	for _, w := range promoWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// speechWords reports whether words hold a first- or second-person
// pronoun or a contraction, marks of speech rather than of a term.
func speechWords(words []string) bool {
	for _, w := range words {
		l := strings.ToLower(strings.Trim(w, ".,!?;:()\"'“”‘’—-"))
		switch l {
		case "i", "we", "you", "me", "us", "my", "our", "your", "i'm", "i’m", "we're", "we’re", "you're", "you’re":
			return true
		}
		for _, c := range []string{"n't", "n’t", "'ll", "’ll", "'ve", "’ve", "'re", "’re", "'m", "’m", "'d", "’d"} {
			if strings.HasSuffix(l, c) {
				return true
			}
		}
	}
	return false
}

// noLower reports whether s has letters and none in lower case.
func noLower(s string) bool {
	return capsLetters(s) > 1
}

// lenBucket groups a word count.
func lenBucket(n int) string {
	switch {
	case n <= 4:
		return strconv.Itoa(n)
	case n <= 7:
		return "5-7"
	case n <= 12:
		return "8-12"
	case n <= 20:
		return "13-20"
	}
	return "21+"
}

// whoKind names how the rules attributed a quotation.
func whoKind(w who) string {
	switch {
	case w.ok && w.Name != "":
		return "name"
	case w.ok:
		return "other"
	case w.quoted:
		return "quoted"
	}
	return "none"
}

// wordClass names the kind of a word next to a quotation.
func wordClass(t token) string {
	l := t.lower()
	if t.Punct {
		switch l {
		case ",", ":", "(", ")", ";":
			return l
		case "\x00":
			return "quote"
		}
		return "dash"
	}
	switch l {
	case "as", "called", "dubbed", "named", "titled", "entitled", "of", "the", "a", "an", "and", "or", "is", "was", "that", "to", "said", "says":
		return l
	case "on", "in", "at", "from", "for", "with", "by", "about", "into", "over", "during", "than", "like":
		return "prep"
	case "his", "her", "their", "its", "our", "my", "your", "this", "these", "those":
		return "det"
	}
	switch {
	case isPoss(t.Text):
		return "poss"
	case reportForms[l] || reportNouns[l]:
		return "report"
	case t.isCap():
		return "cap"
	case isVerb(t):
		return "verb"
	}
	return "word"
}
