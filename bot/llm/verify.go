package llm

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/bot"
)

// verified is the outcome of checking a model's reply.
type verified struct {
	// text is the reply with what failed removed; "" when nothing is left.
	text string
	// cited lists the source ids the text cites, in order of first use.
	cited []string
	// kept and removed count quotations kept and removed (with their
	// sentences); droppedCites counts citations of sources not retrieved.
	kept, removed, droppedCites         int
	droppedSentences, droppedParagraphs int
	// abstained is true when the model said the excerpts do not answer.
	abstained bool
}

var (
	citeRe  = regexp.MustCompile(`\[([^\[\]\n]{1,120})\]`)
	citeSep = regexp.MustCompile(`[\s,;]+`)
	urlRe   = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s\])]+`)
	// spaceBeforePunct finds the space a dropped citation leaves.
	spaceBeforePunct = regexp.MustCompile(` +([.,;:!?])`)
)

// verify checks a reply against the excerpts set and removes what cannot
// be trusted; see [LLM.Compose] for the rules. Removing a sentence can
// make the marks around it pair up differently, so the result is checked
// again until nothing more is removed.
func verify(reply string, set excerptSet) verified {
	v := verifyOnce(reply, set)
	for range 4 {
		if v.text == "" {
			break
		}
		again := verifyOnce(v.text, set)
		if again.text == v.text {
			break
		}
		v.text, v.cited = again.text, again.cited
		v.kept = again.kept
		v.removed += again.removed
		v.droppedCites += again.droppedCites
		v.droppedSentences += again.droppedSentences
		v.droppedParagraphs += again.droppedParagraphs
	}
	return v
}

// verifyOnce makes one pass of [verify].
func verifyOnce(reply string, set excerptSet) verified {
	var v verified
	folded := map[string][]string{}
	for _, e := range set.items {
		f := foldQuoteText(e.text)
		for _, id := range e.sources {
			folded[id] = append(folded[id], f)
		}
	}
	allExcerpts := strings.Join(flatten(folded), "\n")
	if strings.Contains(strings.ToLower(foldQuoteText(reply)), "the sources don't say") ||
		strings.Contains(strings.ToLower(foldQuoteText(reply)), "the sources do not say") {
		v.abstained = true
	}
	citedSeen := map[string]bool{}
	var paras []string
	for _, p := range splitParagraphs(reply) {
		qs, broken := findQuotations(p)
		if broken >= 0 {
			// Keep only the sentences before the one with the stray mark.
			v.removed++
			cut := 0
			for _, s := range splitSentences(p, qs) {
				if s[0] <= broken {
					cut = s[0]
				}
			}
			p = strings.TrimSpace(p[:cut])
			qs, _ = findQuotations(p)
		}
		sents := splitSentences(p, qs)
		type sent struct {
			text  string
			cites []string
			bad   bool // cited only sources that were not retrieved
			qs    []quotation
			start int
		}
		var ss []sent
		paraCites := map[string]bool{}
		for _, sp := range sents {
			s := sent{start: sp[0]}
			var sq []quotation
			for _, q := range qs {
				if q.open >= sp[0] && q.close <= sp[1] {
					sq = append(sq, q)
				}
			}
			s.qs = sq
			text, cites, dropped := rewriteSentence(p, sp, sq, set.allowed)
			v.droppedCites += dropped
			s.text, s.cites = text, cites
			s.bad = dropped > 0 && len(cites) == 0
			for _, c := range cites {
				paraCites[c] = true
			}
			ss = append(ss, s)
		}
		var out []string
		paraValid := false
		for _, s := range ss {
			if s.bad {
				v.droppedSentences++
				continue
			}
			// Quotes are checked against what this sentence cites, or
			// else anything its paragraph cites.
			scope := s.cites
			if len(scope) == 0 {
				for c := range paraCites {
					scope = append(scope, c)
				}
			}
			ok := true
			for _, q := range s.qs {
				if !quoteInAny(q.inner(p), scope, folded) {
					ok = false
					v.removed++
				}
			}
			if !ok {
				v.droppedSentences++
				continue
			}
			if !linksIn(s.text, allExcerpts) {
				v.droppedSentences++
				continue
			}
			v.kept += len(s.qs)
			if len(s.cites) > 0 {
				paraValid = true
			}
			out = append(out, s.text)
		}
		if !paraValid {
			if len(out) > 0 {
				v.droppedParagraphs++
			}
			continue
		}
		para := strings.Join(out, " ")
		for _, m := range citeRe.FindAllStringSubmatch(para, -1) {
			if !citedSeen[m[1]] {
				citedSeen[m[1]] = true
			}
		}
		paras = append(paras, para)
	}
	v.text = strings.TrimSpace(strings.Join(paras, "\n\n"))
	for _, id := range set.allowed {
		if citedSeen[bot.ShortID(id)] {
			v.cited = append(v.cited, id)
		}
	}
	return v
}

// linksIn reports whether every link in text is also in the excerpts.
func linksIn(text, excerpts string) bool {
	for _, u := range urlRe.FindAllString(text, -1) {
		if !strings.Contains(excerpts, strings.TrimRight(u, ".,;:!?'\"’”")) {
			return false
		}
	}
	return true
}

func flatten(m map[string][]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v...)
	}
	return out
}

// quoteInAny reports whether the quotation q is verbatim in an excerpt of
// one of the sources ids.
func quoteInAny(q string, ids []string, folded map[string][]string) bool {
	for _, id := range ids {
		for _, f := range folded[id] {
			if quoteIn(q, f) {
				return true
			}
		}
	}
	return false
}

// rewriteSentence returns p[sp[0]:sp[1]] with its quotation marks made
// curly, its quotations' spacing folded, and its citations resolved:
// citations of allowed sources are written [001] and listed in cites, the
// others are removed and counted in dropped. Brackets inside quotations
// are left alone.
func rewriteSentence(p string, sp [2]int, qs []quotation, allowed []string) (text string, cites []string, dropped int) {
	var sb strings.Builder
	seen := map[string]bool{}
	plain := func(s string) {
		s = citeRe.ReplaceAllStringFunc(s, func(m string) string {
			var ok []string
			for _, tok := range citeSep.Split(strings.Trim(m, "[]"), -1) {
				if tok == "" {
					continue
				}
				id := resolveCitation(tok, allowed)
				if id == "" {
					continue
				}
				ok = append(ok, "["+bot.ShortID(id)+"]")
				if !seen[id] {
					seen[id] = true
					cites = append(cites, id)
				}
			}
			if len(ok) == 0 {
				dropped++
				return ""
			}
			return strings.Join(ok, " ")
		})
		sb.WriteString(s)
	}
	at := sp[0]
	for _, q := range qs {
		plain(p[at:q.open])
		open, close := "“", "”"
		if q.single {
			open, close = "‘", "’"
		}
		sb.WriteString(open + foldSpace(q.inner(p)) + close)
		at = q.close
	}
	plain(p[at:sp[1]])
	text = spaceBeforePunct.ReplaceAllString(strings.Join(strings.Fields(sb.String()), " "), "$1")
	return text, cites, dropped
}

// resolveCitation returns the allowed source id tok names: the id itself,
// its short form ("001"), or a prefix of three or more characters that
// names one source only. It returns "" for anything else.
func resolveCitation(tok string, allowed []string) string {
	tok = strings.Trim(tok, "'\"#. ")
	if tok == "" {
		return ""
	}
	match := ""
	for _, id := range allowed {
		if tok == id || tok == bot.ShortID(id) {
			return id
		}
		if len(tok) >= 3 && strings.HasPrefix(id, tok) {
			if match != "" {
				return ""
			}
			match = id
		}
	}
	return match
}

// splitParagraphs splits a reply at blank lines; single line breaks
// inside a paragraph become spaces.
func splitParagraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range regexp.MustCompile(`\n\s*\n`).Split(s, -1) {
		if p = strings.TrimSpace(strings.ReplaceAll(p, "\n", " ")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitSentences returns the byte spans of p's sentences. A sentence ends
// at '.', '?' or '!' outside quotation marks, or at the closing mark of a
// quotation that ends with one, when a new sentence follows; citations
// right after the end ("… data. [001]") stay with the sentence they follow.
func splitSentences(p string, qs []quotation) [][2]int {
	opens := map[int]quotation{}
	for _, q := range qs {
		opens[q.open] = q
	}
	var out [][2]int
	start := 0
	for i := 0; i < len(p); {
		end := -1
		if q, ok := opens[i]; ok {
			i = q.close
			inner := strings.TrimSpace(q.inner(p))
			if inner == "" || !strings.ContainsAny(inner[len(inner)-1:], ".?!") {
				continue
			}
			end = q.close
		} else {
			r, n := utf8.DecodeRuneInString(p[i:])
			i += n
			if r != '.' && r != '?' && r != '!' {
				continue
			}
			if r == '.' && bot.EndsInAbbreviation(p[start:i-n]) {
				continue
			}
			end = i
		}
		// Skip closing brackets, then spaces, then any citations.
		j := end
		for j < len(p) && p[j] == ')' {
			j++
		}
		k := skipSpace(p, j)
		for k < len(p) && p[k] == '[' {
			c := strings.IndexByte(p[k:], ']')
			if c < 0 {
				break
			}
			j = k + c + 1
			for j < len(p) && strings.ContainsRune(".,;", rune(p[j])) {
				j++
			}
			k = skipSpace(p, j)
		}
		if k >= len(p) {
			break
		}
		nr, _ := utf8.DecodeRuneInString(p[k:])
		if k == j || !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || strings.ContainsRune("\"“‘'(", nr)) {
			continue
		}
		out = append(out, [2]int{start, j})
		start, i = k, k
	}
	if start < len(p) {
		out = append(out, [2]int{start, len(p)})
	}
	return out
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	return i
}
