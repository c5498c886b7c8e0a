package quote

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/corpus"
)

// Layout lines are paragraphs a web page puts between the paragraphs of
// an article: photo captions and credits ("Getty Images.", "Photo: Jim
// Watson/AFP"), calls to watch or read ("WATCH: …", "RELATED: …") and
// embed placeholders ("X."). They hold no quotation and name no speaker,
// and a quote that runs on over them is not broken by them.

// layoutLabels open a layout line when followed by a colon.
var layoutLabels = setOf(
	"watch", "video", "videos", "photo", "photos", "image", "images", "picture", "pictures",
	"related", "read", "listen", "see", "more", "caption", "credit", "credits", "gallery",
	"slideshow", "graphic", "audio", "also",
)

// creditWords mark a photo credit.
var creditWords = setOf(
	"getty", "images", "photo", "photos", "reuters", "afp", "ap", "shutterstock", "istock",
	"instagram", "press", "epa", "corbis", "bloomberg", "pool", "courtesy", "file", "via",
)

// layoutLine reports whether paragraph p is a layout line: a labelled
// line ("WATCH: …"), a short photo credit, or a line of at most one word.
// A line with a quotation mark is never one.
func layoutLine(text string, p corpus.Span) bool {
	line := strings.TrimSpace(text[p.Start:p.End])
	if line == "" || strings.ContainsAny(line, "\"“”‘’«»") {
		return false
	}
	// "WATCH: …", "Photo: …", "READ MORE: …".
	if c := strings.IndexByte(line, ':'); c > 0 && c < 16 {
		label := strings.Fields(strings.ToLower(line[:c]))
		if len(label) > 0 && len(label) <= 2 && layoutLabels[label[0]] && (len(label) == 1 || layoutLabels[label[1]]) {
			return true
		}
	}
	words := strings.FieldsFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || r == '/' || r == '.' || r == ','
	})
	if len(words) <= 1 {
		return true
	}
	if len(words) > 8 || strings.ContainsAny(strings.TrimRight(line, "."), ".!?;") {
		return false
	}
	// A credit: every word a credit word or capitalized ("Bloomberg via
	// Getty Images.", "Robert Galbraith / Reuters."), one credit word at
	// least.
	credit := false
	for _, w := range words {
		l := strings.ToLower(w)
		if creditWords[l] {
			credit = credit || l != "via" && l != "press" && l != "file" && l != "pool"
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return credit
}

// attributionLine returns the offset just after the dash of paragraph p
// when p names the speaker of the pull quote before it ("— Facebook's Guy
// Rosen", "-- Guy Rosen, Facebook"): a dash, a capitalized phrase of at
// most twelve words, no quotation mark, no closing dash (an AFP section
// heading, "– Old hands –."). It returns -1 otherwise.
func attributionLine(text string, p corpus.Span) int {
	i := p.Start
	for i < p.End && spaceWidth(text, i, p.End) > 0 {
		i += spaceWidth(text, i, p.End)
	}
	r, w := utf8.DecodeRuneInString(text[i:p.End])
	switch {
	case r == '—' || r == '–' || r == '―':
		i += w
	case strings.HasPrefix(text[i:p.End], "--"):
		i += 2
	case r == '-':
		i++
	default:
		return -1
	}
	rest := strings.TrimSpace(text[i:p.End])
	if rest == "" || !unicode.IsUpper(firstRune(rest)) || strings.ContainsAny(rest, "\"“”‘«»") {
		return -1
	}
	if t := strings.TrimRight(rest, ". "); strings.HasSuffix(t, "—") || strings.HasSuffix(t, "–") || strings.HasSuffix(t, "-") {
		return -1
	}
	if n := len(strings.Fields(rest)); n > 12 || strings.ContainsAny(strings.TrimRight(rest, "."), "!?;") {
		return -1
	}
	return i
}

// pullQuoteSpeaker gives the quotes of paragraph qp the speaker that the
// attribution line p names, when qp is nothing but quotation: the pull
// quote convention. It reports whether it did.
func (x *extractor) pullQuoteSpeaker(qp int, p corpus.Span, at int) bool {
	first := len(x.quotes)
	for first > 0 && x.quotes[first-1].Paragraph == qp {
		first--
	}
	if first == len(x.quotes) {
		return false
	}
	pp := x.src.Paragraphs[qp]
	covered := 0
	for _, q := range x.quotes[first:] {
		covered += q.End - q.Start
	}
	if covered*10 < (pp.End-pp.Start)*8 {
		return false
	}
	toks := tokenize(x.text, at, p.End)
	np := forwardNP(toks, 0, len(toks))
	if np == nil {
		return false
	}
	org := ""
	for k := len(np) - 2; k >= 0; k-- {
		if isPoss(np[k].Text) && nameish(np[k]) {
			// "Facebook's Guy Rosen": the organization, then the person.
			org = x.canonOrg(stripPoss(joinToks(np[:k+1])))
			np = np[k+1:]
			break
		}
	}
	m := x.parseNP(np)
	if m.Name == "" && !m.IsOrg {
		return false
	}
	w := x.resolve(m, "said")
	if !w.ok || w.Name == "" && w.Org == "" {
		return false
	}
	if w.Org == "" {
		w.Org = org
	}
	for i := first; i < len(x.quotes); i++ {
		x.quotes[i].Speaker, x.quotes[i].Role, x.quotes[i].Organization, x.quotes[i].Verb = w.Name, w.Role, w.Org, ""
	}
	return true
}

// datelineRe matches the dateline that opens a wire story's first
// paragraph: "WASHINGTON —", "LA CROSSE, Wisc. —", "WASHINGTON, Aug. 24
// (UPI) —", "New York (AFP) –", "LONDON (Reuters) -".
var datelineRe = regexp.MustCompile(`^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?){0,2}(?:, [A-Z][a-z]{2,4}\.? \d{1,2})?(?: \([A-Za-z ]{2,20}\))?|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2} \((?:AP|AFP|Reuters|UPI|Bloomberg|CNN)\)) ?(?:—|–|―|--|-) *`)

// withoutDatelines returns src with each paragraph that opens with a
// dateline starting after it, so that the place of the dateline
// ("WASHINGTON") is never read as a speaker or a subject. src itself is
// not changed; when no paragraph has a dateline, src is returned.
func withoutDatelines(src *corpus.Source) *corpus.Source {
	var paras []corpus.Span
	for i, p := range src.Paragraphs {
		end := min(p.End, p.Start+80)
		loc := datelineRe.FindStringIndex(src.Text[p.Start:end])
		if loc == nil || p.Start+loc[1] >= p.End {
			continue
		}
		if paras == nil {
			paras = append([]corpus.Span(nil), src.Paragraphs...)
		}
		paras[i].Start = p.Start + loc[1]
	}
	if paras == nil {
		return src
	}
	c := *src
	c.Paragraphs = paras
	return &c
}

// subheadLine reports whether paragraph p is a subheading made of a quoted
// phrase: a short quotation in single marks standing alone, perhaps
// between dashes ("– ‘Who cares?’ –."), in an article whose quotations
// take double marks (doubleStyle), or a quotation in capitals standing
// alone ("“DIVISIVE, STUPID AND WRONG”"). Headline style quotes in single
// marks; the article's own quotations are in its text.
func subheadLine(text string, p corpus.Span, doubleStyle bool) bool {
	line := strings.TrimSpace(text[p.Start:p.End])
	line = strings.TrimSuffix(line, ".")
	line = strings.TrimSpace(strings.Trim(line, "–—-"))
	open, w := utf8.DecodeRuneInString(line)
	last, lw := utf8.DecodeLastRuneInString(line)
	if len(line) <= w+lw {
		return false
	}
	body := line[w : len(line)-lw]
	switch {
	case (open == '‘' || open == '\'') && (last == '’' || last == '\''):
		if !doubleStyle || len(strings.Fields(body)) > 8 || strings.ContainsAny(body, "‘“”\"") {
			return false
		}
		return true
	case (open == '“' || open == '"') && (last == '”' || last == '"'):
		return len(strings.Fields(body)) >= 2 && allCaps(body) && !strings.ContainsAny(body, "“”\"")
	}
	return false
}

// dekLine reports whether paragraph p, the first under the headline, is
// a deck: a short subtitle that quotes in single marks, headline style
// ("Justice vows to be 'more circumspect' with her opinions."), in an
// article whose quotations take double marks (doubleStyle).
func dekLine(text string, p corpus.Span, doubleStyle bool) bool {
	line := text[p.Start:p.End]
	if !doubleStyle || len(strings.Fields(line)) > 20 || strings.ContainsAny(line, "“”\"") {
		return false
	}
	for i, r := range line {
		if r != '‘' && r != '\'' {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(line[:i])
		if i == 0 || unicode.IsSpace(prev) {
			return true // an opening single mark
		}
	}
	return false
}

// doubleMarked reports whether text quotes with double marks: it has at
// least four of them, opening or closing.
func doubleMarked(text string) bool {
	n := strings.Count(text, "“") + strings.Count(text, "”") + strings.Count(text, "\"")
	return n >= 4
}
