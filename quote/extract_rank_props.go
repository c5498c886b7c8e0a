package quote

import "strings"

// candProps adds to each candidate what the article says of the name as a
// whole: whether the quotation itself names it (people seldom quote their
// own name), whether the rules already gave it quotations, and how often
// the article writes it.
func (x *extractor) candProps(cands []rankCand, q qspan) {
	qt := x.text[q.Start:q.End]
	for i := range cands {
		w := cands[i].w
		name := w.Name
		if name == "" {
			name = w.Org
		}
		last := name
		if k := strings.LastIndexByte(name, ' '); k >= 0 {
			last = name[k+1:]
		}
		f := cands[i].feats
		if len(last) > 1 && strings.Contains(qt, last) {
			f = append(f, "inquote")
		}
		switch n := x.spoke[name]; {
		case n >= 3:
			f = append(f, "spoke3")
		case n > 0:
			f = append(f, "spoke")
		}
		switch n := x.capCount[last]; {
		case n <= 1:
			f = append(f, "freq1")
		case n <= 3:
			f = append(f, "freq2")
		default:
			f = append(f, "freq4")
		}
		cands[i].feats = f
	}
}

// noteSpoke records a quotation the rules attributed to w.
func (x *extractor) noteSpoke(w who) {
	name := w.Name
	if name == "" {
		name = w.Org
	}
	if name == "" {
		return
	}
	if x.spoke == nil {
		x.spoke = map[string]int{}
	}
	x.spoke[name]++
}

// anyVerb reports whether a speech verb stands among toks.
func anyVerb(toks []token) bool {
	for _, t := range toks {
		if isVerb(t) {
			return true
		}
	}
	return false
}
