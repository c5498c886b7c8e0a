package bot

import (
	"strings"

	"github.com/privacybot/privacybot/quote"
)

// minShortName is the shortest first word of an organization's name that
// may stand for the whole name.
const minShortName = 5

// speakerQuotes returns the quotations and silences of the person or
// organization name, as [quote.Ledger.BySpeaker] does, plus those the
// articles attribute to the organization under the first word of its name
// alone ("Hollowbridge said" for Hollowbridge Payments), which the ledger
// keeps under that word. It returns the short name too, "" when there is
// none.
func speakerQuotes(snap *snapshot, name string) ([]quote.Quote, []quote.Silence, string) {
	led := snap.ledger
	qs, ss := led.BySpeaker(name)
	short := shortName(name)
	if short == "" {
		return qs, ss, ""
	}
	if !isOrganization(qs, ss, name) {
		return qs, ss, "" // a person: "Patricia" is not Patricia Wexler
	}
	more, moreS := led.BySpeaker(short)
	seen := map[[2]any]bool{}
	for _, q := range qs {
		seen[[2]any{q.Source, q.Start}] = true
	}
	found := false
	for _, q := range more {
		if seen[[2]any{q.Source, q.Start}] || !(strings.EqualFold(q.Organization, short) || strings.EqualFold(q.Speaker, short) && q.Organization == "") {
			continue
		}
		seen[[2]any{q.Source, q.Start}] = true
		qs = append(qs, q)
		found = true
	}
	seenS := map[[2]any]bool{}
	for _, s := range ss {
		seenS[[2]any{s.Source, s.Start}] = true
	}
	for _, s := range moreS {
		if seenS[[2]any{s.Source, s.Start}] || !strings.EqualFold(s.Organization, short) {
			continue
		}
		seenS[[2]any{s.Source, s.Start}] = true
		ss = append(ss, s)
		found = true
	}
	if !found {
		return qs, ss, ""
	}
	return qs, ss, short
}

// shortName is the first word of a name of several words that can stand
// for it: long enough and not an everyday word ("Hollowbridge" for
// Hollowbridge Payments, not "New" for New York Times).
func shortName(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return ""
	}
	w := strings.Trim(ws[0], ".,")
	if len(w) < minShortName || stopwords[strings.ToLower(w)] || strings.ToUpper(w[:1]) != w[:1] {
		return ""
	}
	return w
}

// isOrganization reports whether the quotations and silences of name show
// it as an organization: someone speaks on its behalf.
func isOrganization(qs []quote.Quote, ss []quote.Silence, name string) bool {
	for _, q := range qs {
		if strings.EqualFold(q.Organization, name) {
			return true
		}
	}
	for _, s := range ss {
		if strings.EqualFold(s.Organization, name) {
			return true
		}
	}
	return false
}
