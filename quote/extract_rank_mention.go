package quote

import (
	"sort"
	"strings"
)

// mentionAt is a name written near a quotation: a capitalized run of its
// paragraph or the previous one, read as a person or an organization.
type mentionAt struct {
	w          who
	start, end int
	para       int
	// verbBefore and verbAfter: a speech verb stands right before or
	// right after the name.
	verbBefore, verbAfter bool
	// verbSoon: a speech verb follows within three words, no punctuation
	// between ("Trump also told CNN").
	verbSoon bool
	// opener: the name opens a sentence, where any word is capitalized.
	opener bool
	// afterThat: the name follows "that" or "whether", the subject of a
	// reported clause ("alleges that Meta …").
	afterThat bool
	// prev is the lower-case word right before the name when it is one
	// of prevWords ("told PCMag", "according to Reuters").
	prev string
	// subj: a lower-case word that is no preposition follows the name,
	// or an appositive and then one ("Jane Roe, who runs the shop,
	// praised"): the name is a verb's subject. clause: besides, the name
	// opens its sentence or clause.
	subj, clause bool
}

// notVerbs are lower-case words after a name that show it is no verb's
// subject ("Smith and", "Bank of").
var notVerbs = setOf("and", "or", "of", "in", "on", "at", "for", "to", "with", "from", "by", "as", "than", "about", "into", "over", "after", "before", "the", "a", "an", "is")

// prevWords are the words before a name that tell its part: speaker,
// listener or something else.
var prevWords = map[string]bool{"to": true, "told": true, "tells": true, "by": true, "at": true, "with": true,
	"for": true, "from": true, "of": true, "in": true, "on": true, "and": true, "said": true, "says": true,
	"asked": true, "interviewed": true, "called": true, "about": true, "against": true, "than": true}

// rankState caches the names of the last paragraphs the ranker read.
type rankState struct {
	para     [2]int
	mentions [2][]mentionAt
	ok       [2]bool
	// parsed holds the reading of each capitalized run met so far.
	parsed map[string]mention
	// buf is reused to build feature names, near to list names in reach.
	buf  []byte
	near []nearMention
}

// paraMentions returns the names written in paragraph pi.
func (x *extractor) paraMentions(pi int) []mentionAt {
	slot := pi & 1
	if x.rk.ok[slot] && x.rk.para[slot] == pi {
		return x.rk.mentions[slot]
	}
	toks := x.paraTokens(x.src.Paragraphs[pi])
	var out []mentionAt
	for i := 0; i < len(toks); {
		if !nameish(toks[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && nameish(toks[j]) && !isPoss(toks[j-1].Text) && strings.TrimSpace(x.text[toks[j-1].End:toks[j].Start]) == "" {
			j++
		}
		if j-i <= 5 {
			run := append([]token(nil), toks[i:j]...)
			run[len(run)-1].Text = stripPoss(run[len(run)-1].Text)
			run[len(run)-1].low = lowerText(run[len(run)-1].Text)
			key := x.text[toks[i].Start:toks[j-1].End]
			m, ok := x.rk.parsed[key]
			if !ok {
				m = x.parseHead(run)
				if x.rk.parsed == nil {
					x.rk.parsed = map[string]mention{}
				}
				x.rk.parsed[key] = m
			}
			if (m.Name != "" || m.IsOrg) && m.Anaphor == "" {
				ma := mentionAt{w: who{Name: m.Name, Role: m.Role, Org: m.Org, ok: true}, start: toks[i].Start, end: toks[j-1].End, para: pi}
				ma.verbBefore = i > 0 && isVerb(toks[i-1])
				ma.verbAfter = j < len(toks) && isVerb(toks[j])
				for k := j; k < len(toks) && k < j+3 && !toks[k].Punct && !ma.verbAfter; k++ {
					if isVerb(toks[k]) {
						ma.verbSoon = true
						break
					}
				}
				if i > 0 && prevWords[toks[i-1].lower()] && !toks[i-1].isCap() {
					ma.prev = toks[i-1].lower()
				}
				ma.afterThat = i > 0 && (toks[i-1].lower() == "that" || toks[i-1].lower() == "whether")
				ma.opener = i == 0 || strings.ContainsAny(x.text[toks[i-1].End:toks[i].Start], ".!?\"“”")
				ma.subj = subjectAfter(toks, j)
				ma.clause = ma.subj && (ma.opener || toks[i-1].Text == "," || stopCaps[toks[i-1].lower()])
				out = append(out, ma)
			}
		}
		i = j
	}
	x.rk.para[slot], x.rk.mentions[slot], x.rk.ok[slot] = pi, out, true
	return out
}

// nearMentions returns the candidates named near quote q of paragraph pi,
// the nearest occurrence of each name first, with their features.
func (x *extractor) nearMentions(pi int, q qspan, sStart, sEnd int) []rankCand {
	ns := x.rk.near[:0]
	for d, pj := 0, pi; d <= 1 && pj >= 0; d, pj = d+1, x.prevTextPara(pj) {
		ms := x.paraMentions(pj)
		// Only names within reach count, which also keeps the work per
		// quotation bounded in a long paragraph.
		i := sort.Search(len(ms), func(i int) bool { return ms[i].end > q.Open-reachBefore })
		for ; i < len(ms) && ms[i].start < q.Close+reachAfter; i++ {
			m := &ms[i]
			switch {
			case m.end <= q.Open && m.afterThat && strings.TrimSpace(x.text[m.end:q.Open]) == "":
				// "alleges that Meta “knowingly designed …”": the
				// reported clause's subject, not who speaks (so in 23
				// of 25 such quotations of the labelled splits; the
				// other two name a speaker of the same party).
			case m.end <= q.Open:
				ns = append(ns, nearMention{m, q.Open - m.end, "before"})
			case m.start >= q.Close:
				if d == 0 {
					ns = append(ns, nearMention{m, m.start - q.Close, "after"})
				}
			}
		}
	}
	x.rk.near = ns
	sort.SliceStable(ns, func(i, j int) bool { return ns[i].dist < ns[j].dist })
	var out []rankCand
next:
	for _, n := range ns {
		if len(out) >= 6 {
			break
		}
		for _, o := range out {
			if o.w.Name == n.m.w.Name && o.w.Org == n.m.w.Org {
				continue next
			}
		}
		f := make([]string, 0, 8)
		f = append(f, "m."+n.side, "m."+n.side+"."+distBucket(n.dist), "m.rank"+bucket(len(out)))
		if n.m.para != pi {
			f = append(f, "m.prevpara")
		}
		if n.m.verbBefore {
			f = append(f, "m.verbbefore", "m."+n.side+".verbbefore")
		}
		if n.m.verbAfter {
			f = append(f, "m.verbafter", "m."+n.side+".verbafter")
		}
		if n.m.prev != "" {
			f = append(f, "m.prev."+n.m.prev)
		}
		if n.m.opener {
			f = append(f, "m.opener")
		}
		if n.m.para == pi && n.m.start >= sStart && n.m.end <= sEnd {
			f = append(f, "m.samesent")
		}
		if n.m.clause {
			f = append(f, "m.clause")
		}
		if gap := strings.TrimSpace(x.text[min(n.m.end, q.Open):max(n.m.end, q.Open)]); n.side == "before" && n.m.para == pi && (gap == ":" || gap == "-" || gap == "—") {
			// "Jane Roe: “…”", "Polls agree - Jane Roe: “…”".
			f = append(f, "m.colonq")
		} else if gap := strings.TrimSpace(x.text[min(q.Close, n.m.start):max(q.Close, n.m.start)]); n.side == "after" && (gap == "—" || gap == "-" || gap == "―" || gap == "–") {
			// "“…” — Jane Roe"
			f = append(f, "m.dashq")
		}
		if n.m.verbSoon {
			f = append(f, "m.verbsoon", "m."+n.side+".verbsoon")
		}
		out = append(out, rankCand{w: n.m.w, feats: f})
	}
	return out
}

// prevTextPara returns the paragraph before pi that is not a layout
// line, or -1.
func (x *extractor) prevTextPara(pi int) int {
	for pi--; pi >= 0 && pi < len(x.layout) && x.layout[pi]; pi-- {
	}
	return pi
}

// nearMention is a name near a quotation: which side, how far.
type nearMention struct {
	m    *mentionAt
	dist int
	side string
}

// reachBefore and reachAfter bound, in bytes, how far from a quotation a
// name may stand to be a candidate.
const reachBefore, reachAfter = 600, 300

// distBucket groups a distance in bytes.
func distBucket(d int) string {
	switch {
	case d <= 3:
		return "adj"
	case d < 40:
		return "near"
	case d < 120:
		return "mid"
	case d < 300:
		return "far"
	}
	return "vfar"
}

// subjectAfter reports whether the words from toks[j] on show the name
// before them to be a verb's subject: a lower-case word that is no
// preposition or conjunction, straight after it or after an appositive
// between commas.
func subjectAfter(toks []token, j int) bool {
	if j < len(toks) && toks[j].Text == "," {
		k := j + 1
		for k < len(toks) && k < j+14 && toks[k].Text != "," && !(toks[k].Punct && toks[k].Text != "(" && toks[k].Text != ")") {
			k++
		}
		if k >= len(toks) || toks[k].Text != "," {
			return false
		}
		j = k + 1
	}
	if j >= len(toks) {
		return false
	}
	t := toks[j]
	return !t.Punct && !t.isCap() && !notVerbs[t.lower()]
}
