package quote

import "strings"

// A partial quotation inside reported speech ("said the deal was “a
// disaster”", "called the ruling “outrageous”", "denounced
// “self-deportation”") is the speaker's words, while the same marks in a
// sentence that reports no speech are scare quotes. reportCue tells the
// two apart by the words before the quotation: a verb of saying, naming,
// judging or urging, in any form, or a noun for words said ("the
// phrase", "his comment").

// reportLemmas are the verbs that report what someone said or how they
// named or judged something, in their base form.
var reportLemmas = []string{
	"say", "tell", "call", "name", "dub", "label", "brand", "describe", "refer", "term",
	"denounce", "decry", "accuse", "deride", "dismiss", "mock", "praise", "hail", "tout",
	"cite", "quote", "offer", "promise", "pledge", "vow", "warn", "urge", "invite",
	"ask", "demand", "insist", "argue", "claim", "contend", "suggest", "imply", "assure",
	"predict", "declare", "proclaim", "announce", "tweet", "post", "write", "add", "note",
	"explain", "acknowledge", "admit", "concede", "deny", "confirm", "reject", "pronounce",
	"identify", "address", "talk", "speak", "mention", "emphasize", "emphasise", "stress",
	"boast", "brag", "complain", "lament", "criticize", "criticise", "blast", "slam",
	"attack", "condemn", "question", "wonder", "threaten", "characterize", "liken",
	"compare", "applaud", "thank", "congratulate", "welcome", "blame", "recall", "recount",
	"report", "testify", "allege", "charge", "apologize", "joke", "quip", "chant", "shout",
	"yell", "scream", "state", "repeat", "reiterate", "echo", "reply", "respond", "answer",
	"counter", "retort", "agree", "disagree", "grouse", "gripe", "fume", "rail", "rant",
	"muse", "mutter", "whisper", "plead", "beg", "encourage", "advise", "recommend",
	"caution", "signal", "hint", "indicate", "point", "frame", "portray", "paint", "cast",
	"exclaim", "bark", "beam", "gush", "snap", "sniff", "scoff", "cry", "holler", "roar",
	"sneer", "growl", "marvel", "chime", "interject", "interrupt", "laugh", "sigh", "shoot",
	"assert", "maintain", "observe", "remark", "opine", "lash", "vote",
	"pitch", "float", "champion", "trumpet", "bill", "feel",
	"hate",
	"predict", "upgrade",
	"designate",
}

// reportIrregular are irregular forms of reportLemmas.
var reportIrregular = []string{
	"said", "told", "wrote", "written", "spoke", "spoken", "read", "shot",
}

// reportNouns name words someone said.
var reportNouns = setOf(
	"phrase", "term", "word", "words", "slogan", "message", "motto", "line", "chant", "chants",
	"comment", "comments", "remark", "remarks", "statement", "tweet", "tweets", "speech",
	"nickname", "moniker", "refrain", "mantra", "catchphrase", "quip", "pledge", "vow",
	"warning", "claim", "claims", "description", "rating", "label", "subject", "shouts",
	"cries", "cheers", "boos", "chorus", "accusation", "assertion", "admission", "argument",
	"contention", "allegation", "insistence", "complaint", "criticism", "plea", "demand",
	"promise", "call", "lament", "broadside", "rhetoric", "interview", "testimony", "op-ed",
	"editorial", "rebuke", "retort", "suggestion", "letter",
)

// reportForms holds every inflected form of reportLemmas and the irregular
// forms.
var reportForms = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range reportIrregular {
		m[w] = true
	}
	for _, l := range reportLemmas {
		m[l] = true
		m[l+"s"] = true
		switch {
		case strings.HasSuffix(l, "e"):
			m[l+"d"] = true
			m[l[:len(l)-1]+"ing"] = true
		case strings.HasSuffix(l, "y") && !strings.HasSuffix(l, "ay") && !strings.HasSuffix(l, "ey"):
			m[l[:len(l)-1]+"ies"] = true
			m[l[:len(l)-1]+"ied"] = true
			m[l+"ing"] = true
		default:
			m[l+"ed"] = true
			m[l+"es"] = true
			m[l+"ing"] = true
			if n := len(l); n >= 3 && strings.ContainsRune("bdgmnprt", rune(l[n-1])) &&
				strings.ContainsRune("aeiou", rune(l[n-2])) && !strings.ContainsRune("aeiou", rune(l[n-3])) {
				m[l+l[n-1:]+"ed"] = true
				m[l+l[n-1:]+"ing"] = true
			}
		}
	}
	return m
}()

// reportCue reports whether the words of the quote's sentence before
// toks[qi] report speech: a lower-case form of a reporting verb, or a noun
// for words said.
func (x *extractor) reportCue(toks []token, qi int) bool {
	c := x.firstReportCue(toks)
	return c >= 0 && c < qi
}

// cueCache holds the first reporting word of the sentence read last
// (x.sent), so that a sentence of many quotations is scanned once.
type cueCache struct {
	sent, n, at int
	ok          bool
}

// firstReportCue returns the index of the first word of toks that reports
// speech (see reportCue), or -1.
func (x *extractor) firstReportCue(toks []token) int {
	if len(toks) == 0 {
		return -1
	}
	if x.cue.ok && x.cue.sent == x.sent && x.cue.n == len(toks) {
		return x.cue.at
	}
	at := -1
	for i, t := range toks {
		// A capitalized word is a name, but for the sentence's first
		// ("Citing “obligations in Tennessee,” the spokeswoman said").
		if t.Punct || t.isCap() && i > 0 {
			continue
		}
		if l := t.lower(); reportForms[l] || reportNouns[l] {
			at = i
			break
		}
	}
	x.cue = cueCache{sent: x.sent, n: len(toks), at: at, ok: true}
	return at
}

// namedAs reports whether the quotation at toks[qi] is what something was
// called, after "as" ("refers to the governor as “Chris”", "identified the
// judge as “Spanish”"), in a sentence that reports speech.
func (x *extractor) namedAs(toks []token, qi int) bool {
	j := qi - 1
	if j >= 0 && (toks[j].lower() == "the" || toks[j].lower() == "a" || toks[j].lower() == "an") {
		j--
	}
	return j >= 1 && toks[j].lower() == "as" && x.reportCue(toks, j)
}

// cueAfter reports whether a quotation that opens its sentence and ends in
// a comma, a question or an exclamation mark is followed, within a few
// words, by a verb or noun of saying: "“Go back to Univision,” Trump
// barked", "“Call the roll,” came shouts from the crowd".
func cueAfter(body string, toks []token, qi int) bool {
	if qi != 0 {
		return false
	}
	body = strings.TrimRight(body, " ")
	if !strings.HasSuffix(body, ",") && !strings.HasSuffix(body, "!") && !strings.HasSuffix(body, "?") {
		return false
	}
	for i := qi + 1; i < len(toks) && i <= qi+6; i++ {
		t := toks[i]
		if t.Text == "\x00" {
			return false
		}
		if t.Punct || t.isCap() {
			continue
		}
		if l := t.lower(); reportForms[l] || reportNouns[l] || speechVerbs[l] {
			return true
		}
	}
	return false
}

// workNouns name works and programmes, whose titles are quoted: "the
// documentary “The Great Hack”", "his show “Lopez Tonight”".
var workNouns = setOf(
	"show", "shows", "program", "programme", "series", "book", "books", "film", "films", "movie",
	"movies", "documentary", "podcast", "album", "song", "songs", "play", "musical", "novel",
	"memoir", "autobiography", "sitcom", "drama", "comedy", "episode", "segment", "broadcast",
	"column", "blog", "newsletter", "magazine", "channel", "hit", "hits", "classic", "sequel",
	"reboot", "franchise", "video", "ad", "spot", "poem", "opera", "painting", "exhibit",
	"exhibition", "concert", "tour", "special", "thriller", "serial", "title", "titled",
	"headline", "headlined", "starring", "star", "host", "anchor", "website", "site", "app",
)

// nearWorkNoun reports whether a noun for a work stands within three words
// before the quotation at toks[qi], or right after it ("“Broad City”
// star").
func nearWorkNoun(toks []token, qi int) bool {
	for j := qi - 1; j >= 0 && j >= qi-3; j-- {
		if toks[j].Punct && toks[j].Text != "," {
			break
		}
		if workNouns[toks[j].lower()] {
			return true
		}
	}
	for j := qi + 1; j < len(toks) && j <= qi+2; j++ {
		// "“Keepin' It Real” radio program": one modifier may stand
		// between.
		if toks[j].Punct {
			return false
		}
		if workNouns[toks[j].lower()] {
			return true
		}
	}
	return false
}

// reportCueClause reports whether a reporting verb stands before toks[qi]
// in the same clause: within ten words, with no comma and no "by" or
// "for" between ("Trump invited Russia to dig up “missing” emails", not
// "called a fraud by rivals for selling “miracle” pills"). A single
// quoted word before a noun needs this much to be a quotation rather
// than a scare quote.
func reportCueClause(toks []token, qi int) bool {
	for j := qi - 1; j >= 0 && j >= qi-10; j-- {
		t := toks[j]
		if t.Punct {
			return false
		}
		l := t.lower()
		if l == "by" || l == "for" {
			return false
		}
		if !t.isCap() && reportForms[l] {
			return true
		}
	}
	return false
}

// sentenceQuote reports whether a quotation is a whole sentence standing
// alone ("“Building it? Not negotiable.”"): it opens with a capital, ends
// in a full stop, a question or an exclamation mark, has two words or more
// and is not a title.
func sentenceQuote(body string, words []string, standalone bool) bool {
	if !standalone || len(words) < 2 || titleCase(words) || !isUpperRune(firstRune(body)) {
		return false
	}
	b := strings.TrimRight(body, " ")
	return strings.HasSuffix(b, ".") || strings.HasSuffix(b, "?") || strings.HasSuffix(b, "!")
}

// byAuthor reports whether the quotation at toks[qi] is followed by its
// author ("“City museum names director,” by Times' Jane Roe"): the title
// of an article, not speech. A title so credited opens its line or
// follows a dash or a colon ("NOW READING—“…,” by …"); inside a running
// sentence "by" names who used the words ("called “strategic ambiguity”
// by a professor", "a “man raised for these times” by God").
func byAuthor(toks []token, qi int) bool {
	if qi > 0 && !toks[qi-1].Punct {
		return false
	}
	i := qi + 1
	if i < len(toks) && toks[i].Text == "," {
		i++
	}
	return i+1 < len(toks) && toks[i].lower() == "by" && toks[i+1].isCap()
}
