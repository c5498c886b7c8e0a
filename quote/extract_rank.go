package quote

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/privacybot/privacybot/quote/internal/rank"
)

// rankCtx is what the ranker knows of a quotation's place: how the rules
// read it and what came before.
type rankCtx struct {
	// standalone: the sentence is the quotation alone.
	standalone bool
	// paraStart: the quotation opens its paragraph.
	paraStart bool
	// continued: the previous paragraph's quotation runs on into this one.
	continued bool
	// k is the quotation's index in its sentence, para its paragraph's.
	k, para int
	// prev is the speaker that ended the previous paragraph, lastSent the
	// previous sentence's speaker.
	prev, lastSent who
	// sStart and sEnd bound the quotation's sentence.
	sStart, sEnd int
	// sentVerb: the sentence has a speech verb outside its quotations;
	// prevVerb: the paragraph's previous sentence has one.
	sentVerb, prevVerb bool
}

// rankCand is a candidate speaker with the features that describe it.
type rankCand struct {
	w     who
	feats []string
}

// rankSpeaker chooses who said quote q among the rules' reading w and the
// people and organizations in view, with the learned model; it returns an
// empty who (the quotation unattributed) when no candidate is likely
// enough. It does not change the extractor's state, so what the rules read
// next does not depend on the model.
func (x *extractor) rankSpeaker(q qspan, w who, c rankCtx) who {
	if w.ok && w.Name == "" && (w.Org == "" || w.Role != "") {
		// An unnamed speaker the rules read ("a source said", "said a
		// senior White House official") stays.
		return w
	}
	var cands []rankCand
	add := func(cw who, feats ...string) {
		if !cw.ok || cw.Name == "" && cw.Org == "" || x.notName(cw) {
			return
		}
		for i := range cands {
			if cands[i].w.Name == cw.Name && cands[i].w.Org == cw.Org {
				cands[i].feats = append(cands[i].feats, feats...)
				return
			}
		}
		cands = append(cands, rankCand{w: cw, feats: feats})
	}
	if w.near {
		add(w, "rule", "rule.near")
	} else {
		add(w, "rule")
	}
	// ruled: the rules' reading is a candidate (it is not when it is no
	// name, "Pollsters agree - Jane Roe: “…”").
	ruled := len(cands) > 0
	if ruled && w.anaphor != "" {
		cands[0].feats = append(cands[0].feats, "rule.ana."+w.anaphor, "rule.gap"+bucket(w.gap))
		if w.agree {
			cands[0].feats = append(cands[0].feats, "rule.agree")
		}
	}
	add(c.prev, "prevpara")
	add(c.lastSent, "lastsent")
	n := 0
	for i := len(x.entities) - 1; i >= 0 && n < 6; i-- {
		e := x.entities[i]
		if e.Name == "" && e.Org == "" || w.ok && e.Name == w.Name && e.Org == w.Org {
			// The rules' own pick is already a candidate; the others are
			// ranked by how recently they were seen before it.
			continue
		}
		d := x.sent - e.seen
		f := []string{"ent.r" + strconv.Itoa(n), "ent.d" + bucket(d)}
		if e.Name != "" && e.Name == x.lastSpeaker {
			f = append(f, "lastspk")
		}
		add(who{Name: e.Name, Role: e.Role, Org: e.Org, ok: true}, f...)
		n++
	}
	for _, mc := range x.nearMentions(c.para, q, c.sStart, c.sEnd) {
		add(mc.w, mc.feats...)
	}
	cands = x.mergeCands(cands, q)
	x.candProps(cands, q)
	// A name written as the listener ("told PCMag") is not the speaker,
	// unless the rules read it as one.
	kept := cands[:0]
	for i, cd := range cands {
		if i == 0 && ruled || !listener(cd.feats) {
			kept = append(kept, cd)
		}
	}
	cands = kept
	if ruled && (w.Name != "" || w.Org != "") && (w.how == "after" || w.how == "before" || w.how == "poss") {
		// An attribution the rules read next to the quote is kept or
		// dropped, never traded for another name, except for a name
		// right before a colon that opens the quotation ("When Trump
		// suggested a deal, Rubio fired back: “…”").
		k := 1
		for i := 1; i < len(cands); i++ {
			if hasFeat(cands[i].feats, "m.colonq") {
				cands[k] = cands[i]
				k++
			}
		}
		cands = cands[:k]
	}
	ctx := []string{"all"}
	if c.standalone {
		ctx = append(ctx, "sa")
	}
	if c.paraStart {
		ctx = append(ctx, "ps")
	}
	if c.continued {
		ctx = append(ctx, "cont")
	}
	if c.k > 0 {
		ctx = append(ctx, "k1")
	}
	if w.quoted {
		ctx = append(ctx, "quoted")
	}
	if w.how != "" {
		ctx = append(ctx, "how."+w.how)
	}
	if w.ok && w.Name == "" && w.Org == "" {
		ctx = append(ctx, "ruleunnamed")
	}
	if !w.ok {
		ctx = append(ctx, "norule")
	}
	far := false
	switch {
	case c.sentVerb:
		ctx = append(ctx, "sv")
	case c.prevVerb:
		ctx = append(ctx, "psv")
	case !c.paraStart && namedInSentence(cands):
		// No speech verb, but a name in the quotation's sentence
		// ("Trump: “…”", "the Mook memo, “…”").
		ctx = append(ctx, "noverb.named")
	case !c.paraStart:
		// No attribution in reach: nothing but the quotation's place
		// in the paragraph could name its speaker.
		ctx = append(ctx, "noverb")
		far = true
	}
	if far {
		// With no attribution in reach, only a person's full name is
		// weighed: a statement standing alone in a paragraph about a
		// company or a product is as often another party's, while a
		// person just named there is usually the one still speaking.
		kept := cands[:0]
		for i, cd := range cands {
			if i == 0 && ruled || strings.Contains(cd.w.Name, " ") {
				kept = append(kept, cd)
			}
		}
		cands = kept
	}
	if before := strings.TrimRight(x.text[c.sStart:q.Open], " \t"); strings.HasSuffix(before, ":") {
		ctx = append(ctx, "colon")
	}
	if strings.ContainsAny(x.text[q.Start:q.End], ".!?") {
		ctx = append(ctx, "sentences")
	}
	if len(ctx) > 2 {
		// The context as a whole, for what its parts do only together.
		ctx = append(ctx, "sig."+strings.Join(ctx[1:], "."))
	}
	if rank.Observe != nil {
		ev := rank.Event{Source: x.src.ID, Start: q.Start, End: q.End}
		for _, cd := range cands {
			ev.Cands = append(ev.Cands, rank.Candidate{Name: cd.w.Name, Org: cd.w.Org, Feats: x.candFeats(cd, ctx)})
		}
		none := make([]string, 0, len(ctx))
		for _, cf := range ctx {
			none = append(none, "none&"+cf)
		}
		ev.Cands = append(ev.Cands, rank.Candidate{Feats: none})
		rank.Observe(ev)
	}
	m := rank.Default
	best, bs := -1, math.Inf(-1)
	scores := make([]float64, len(cands))
	for i, cd := range cands {
		scores[i] = x.candScore(m, cd, ctx)
		if scores[i] > bs {
			best, bs = i, scores[i]
		}
	}
	ns := 0.0
	for _, cf := range ctx {
		x.rk.buf = append(append(x.rk.buf[:0], "none&"...), cf...)
		ns += m.W[string(x.rk.buf)]
	}
	if best < 0 || ns >= bs {
		return who{}
	}
	z := math.Exp(ns - bs)
	for _, s := range scores {
		z += math.Exp(s - bs)
	}
	if th := m.Threshold; 1/z < th || !w.ok && 1/z < m.Fill || !w.ok && far && 1/z < m.FillFar {
		return who{}
	}
	r := cands[best].w
	if r.Verb == "" {
		r.Verb = w.Verb
	}
	return r
}

// candFeats returns a candidate's features: where it came from, what kind
// of name it is, each crossed with the quotation's context.
func (x *extractor) candFeats(cd rankCand, ctx []string) []string {
	var out []string
	x.eachFeat(cd, ctx, func(k []byte) { out = append(out, string(k)) })
	return out
}

// candScore is the model's score of the features candFeats returns,
// computed without building them.
func (x *extractor) candScore(m *rank.Model, cd rankCand, ctx []string) float64 {
	s := 0.0
	x.eachFeat(cd, ctx, func(k []byte) { s += m.W[string(k)] })
	return s
}

// eachFeat calls emit with each of a candidate's features, in a buffer
// that is reused.
func (x *extractor) eachFeat(cd rankCand, ctx []string, emit func([]byte)) {
	kind := x.nameKinds(cd.w)
	buf := x.rk.buf[:0]
	for _, b := range cd.feats {
		buf = append(buf[:0], b...)
		emit(buf)
		for _, cf := range ctx[1:] {
			buf = append(append(append(buf[:0], b...), '&'), cf...)
			emit(buf)
		}
	}
	for _, k := range kind {
		emit(append(buf[:0], k...))
		for _, cf := range ctx[1:] {
			buf = append(append(append(buf[:0], k...), '&'), cf...)
			emit(buf)
		}
	}
	for _, b := range cd.feats {
		for _, k := range kind {
			buf = append(append(append(buf[:0], b...), '|'), k...)
			emit(buf)
		}
	}
	x.rk.buf = buf
}

// nameKinds describes a candidate's name: organization or person, one
// word or more, capitals, whether it is a word the article also writes in
// lower case, and what else is known of it.
func (x *extractor) nameKinds(w who) []string {
	var f []string
	name := w.Name
	if name == "" {
		if w.Role != "" {
			// "a JPMorgan spokesperson": a person, unnamed.
			f = append(f, "roleorg")
		} else {
			f = append(f, "org")
		}
		name = w.Org
	} else {
		if w.Org != "" {
			f = append(f, "hasorg")
		}
		if w.Role != "" {
			f = append(f, "hasrole")
		}
	}
	words := strings.Fields(name)
	switch len(words) {
	case 1:
		f = append(f, "w1")
		if !x.capsMid[strings.ToLower(name)] {
			f = append(f, "w1.nomid")
		}
	case 2:
		f = append(f, "w2")
	default:
		f = append(f, "w3")
	}
	if isAllCaps(name) {
		f = append(f, "allcaps")
	}
	if len(words) == 1 && x.lowerWord(words) {
		f = append(f, "lowerword")
	}
	for _, wd := range words {
		if w.Name == "" {
			break // an organization's canonical name need not be written
		}
		if !x.allWords[wd] {
			f = append(f, "notintext")
			break
		}
	}
	return f
}

// noteWords records the words of a paragraph for the ranker: every word
// as written, and the ones written in lower case.
func (x *extractor) noteWords(toks []token) {
	if x.lowerWords == nil {
		x.lowerWords, x.allWords = map[string]bool{}, map[string]bool{}
	}
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if unicode.IsLower(r) && !x.handlePart(t) {
			x.lowerWords[t.Text] = true
		}
		x.allWords[t.Text] = true
		if unicode.IsUpper(r) {
			if x.capCount == nil {
				x.capCount = map[string]int{}
			}
			x.capCount[stripPoss(t.Text)]++
		}
		if isPoss(t.Text) {
			x.allWords[stripPoss(t.Text)] = true
		}
	}
}

// handlePart reports whether t is written as part of a handle, hashtag,
// file name or address ("@jane_roe", "#roe2024", "site/roe"), which are
// lower case whatever they name.
func (x *extractor) handlePart(t token) bool {
	if t.Start > 0 && strings.IndexByte("@#_/", x.text[t.Start-1]) >= 0 {
		return true
	}
	return t.End < len(x.text) && strings.IndexByte("@_/", x.text[t.End]) >= 0
}

// lowerWord reports whether one of words appears in the article in lower
// case ("Most", "Signs"): a common word, not a name.
func (x *extractor) lowerWord(words []string) bool {
	for _, w := range words {
		if x.lowerWords[strings.ToLower(stripPoss(w))] {
			return true
		}
	}
	return false
}

func isAllCaps(s string) bool {
	return capsLetters(s) > 3
}

// bucket groups a sentence distance.
func bucket(d int) string {
	switch {
	case d <= 0:
		return "0"
	case d == 1:
		return "1"
	case d == 2:
		return "2"
	case d <= 5:
		return "3-5"
	}
	return "6+"
}

// listener reports whether a candidate's nearest mention follows a verb
// whose object is the one spoken to.
func listener(feats []string) bool {
	for _, f := range feats {
		switch f {
		case "m.prev.told", "m.prev.tells", "m.prev.asked", "m.prev.interviewed":
			return true
		}
	}
	return false
}

// hasFeat reports whether feats holds f.
func hasFeat(feats []string, f string) bool {
	for _, g := range feats {
		if g == f {
			return true
		}
	}
	return false
}
