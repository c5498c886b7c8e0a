package bot

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/privacybot/privacybot/corpus"
)

// Dates: an article's own date (its Date or Published header, or a date
// in a byline or dateline among its first lines) and the times its
// sentences mention, absolute ("August 8, 2018", "in 2017") or relative to
// the article's date ("last week", "a year ago", "on Monday").

// granularity is how precise a resolved time is.
type granularity int

const (
	byDay granularity = iota
	byWeek
	byMonth
	byYear
)

// when is one time expression found in a sentence.
type when struct {
	// phrase is the expression as written.
	phrase string
	// at is the time it names, resolved against the article's date; zero
	// when it is relative and the article has no date.
	at time.Time
	// offset is, for a relative expression, its distance in days from the
	// article's date (negative for the past).
	offset int
	// relative is set for expressions read against the article's date.
	relative bool
	gran     granularity
}

const monthPat = `(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`

var (
	isoDateRe   = regexp.MustCompile(`\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b`)
	mdyRe       = regexp.MustCompile(`\b` + monthPat + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b`)
	dmyRe       = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthPat + `\.?,?\s+((?:19|20)\d{2})\b`)
	slashDateRe = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b`)

	// timeExprRe finds the time expressions of a sentence, longest forms
	// first.
	timeExprRe = regexp.MustCompile(`(?i)\b(?:` +
		monthPat + `\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}` +
		`|\d{1,2}(?:st|nd|rd|th)?\s+` + monthPat + `\.?,?\s+(?:19|20)\d{2}` +
		`|(?:19|20)\d{2}-\d{1,2}-\d{1,2}` +
		`|(?:in|since|by|during|until|from|early|late|mid-?)\s+` + monthPat + `(?:\s+(?:19|20)\d{2})?` +
		`|` + monthPat + `\.?\s+\d{1,2}(?:st|nd|rd|th)?\b` +
		`|(?:about |around |at |shortly (?:before|after) )?\d{1,2}(?::\d{2})?\s*(?:a\.m\.?|p\.m\.?|am|pm)|\d{1,2}:\d{2}` +
		`|(?:in|since|by|during|until|from|early|late|mid-?)\s+(?:19|20)\d{2}` +
		`|(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+(?:day|week|month|year|decade)s?\s+ago)` +
		`|(?:last|this|next|earlier this|later this|past|the past|in the past)\s+(?:week|month|year|weekend)` +
		`|(?:(?:earlier|late|early|on|last|this|next)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)` +
		`|yesterday|today|tonight` +
		`)\b`)
	bareYearRe = regexp.MustCompile(`\b(?:19|20)\d{2}\b`)
)

var months = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

var weekdays = map[string]time.Weekday{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}

var numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3}

func monthOf(s string) time.Month {
	s = strings.ToLower(s)
	if len(s) < 3 {
		return 0
	}
	return months[s[:3]]
}

func mkDate(y int, m time.Month, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100 {
		return time.Time{}, false
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

// parseDate finds the first full date written in s.
func parseDate(s string) (time.Time, bool) {
	type found struct {
		at  int
		t   time.Time
		ok  bool
		set bool
	}
	best := found{at: -1}
	try := func(loc []int, t time.Time, ok bool) {
		if loc != nil && ok && (best.at < 0 || loc[0] < best.at) {
			best = found{at: loc[0], t: t, ok: true, set: true}
		}
	}
	// num is the number of group g of the match m.
	num := func(m []int, g int) int {
		n, _ := strconv.Atoi(s[m[2*g]:m[2*g+1]])
		return n
	}
	if m := isoDateRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := mkDate(num(m, 1), time.Month(num(m, 2)), num(m, 3))
		try(m, t, ok)
	}
	if m := mdyRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := mkDate(num(m, 3), monthOf(s[m[2]:m[3]]), num(m, 2))
		try(m, t, ok)
	}
	if m := dmyRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := mkDate(num(m, 3), monthOf(s[m[4]:m[5]]), num(m, 1))
		try(m, t, ok)
	}
	if m := slashDateRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := mkDate(num(m, 3), time.Month(num(m, 1)), num(m, 2))
		try(m, t, ok)
	}
	return best.t, best.set
}

// articleDate returns the date src was published: its Date (or
// Published) header, else a full date on one of its first short lines (a
// byline or dateline such as "By Jane Roe | August 8, 2018").
func articleDate(src *corpus.Source) (time.Time, bool) {
	if src.Date != "" {
		if t, ok := parseDate(src.Date); ok {
			return t, true
		}
	}
	text := src.Text
	if len(text) > 1500 {
		text = text[:1500]
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 12 {
			break
		}
		if l := strings.TrimSpace(line); l != "" && len(l) < 120 {
			if t, ok := parseDate(l); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// timesIn returns the time expressions of a sentence, resolved against the
// article's date ref when known (hasRef).
func timesIn(sentence string, ref time.Time, hasRef bool) []when {
	var out []when
	for _, loc := range timeExprRe.FindAllStringIndex(sentence, -1) {
		w, ok := resolve(sentence[loc[0]:loc[1]], ref, hasRef)
		if ok {
			out = append(out, w)
		}
	}
	return out
}

var timeOfDayRe = regexp.MustCompile(`\d{1,2}(:\d{2})?\s*(a\.m|p\.m|am|pm)|\d{1,2}:\d{2}`)

var agoRe = regexp.MustCompile(`(?i)^(a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+(day|week|month|year|decade)s?\s+ago$`)

// resolve reads one time expression.
func resolve(phrase string, ref time.Time, hasRef bool) (when, bool) {
	w := when{phrase: phrase}
	lp := strings.ToLower(phrase)
	rel := func(days int, g granularity) (when, bool) {
		w.relative, w.offset, w.gran = true, days, g
		if hasRef {
			w.at = ref.AddDate(0, 0, days)
		}
		return w, true
	}
	// span places "last week" or "the past month" one unit of days back,
	// "next year" one ahead, and "this week" at the article's date.
	span := func(days int, g granularity) (when, bool) {
		switch {
		case strings.HasPrefix(lp, "last"), strings.Contains(lp, "past"):
			return rel(-days, g)
		case strings.HasPrefix(lp, "next"):
			return rel(days, g)
		}
		return rel(0, g)
	}
	if t, ok := parseDate(phrase); ok {
		w.at, w.gran = t, byDay
		return w, true
	}
	if m := agoRe.FindStringSubmatch(lp); m != nil {
		n, ok := numberWords[m[1]]
		if !ok {
			n, _ = strconv.Atoi(m[1])
		}
		unit := map[string]int{"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}[m[2]]
		g := map[string]granularity{"day": byDay, "week": byWeek, "month": byMonth, "year": byYear, "decade": byYear}[m[2]]
		w, _ = rel(-n*unit, g)
		if hasRef {
			switch m[2] {
			case "month":
				w.at = ref.AddDate(0, -n, 0)
			case "year":
				w.at = ref.AddDate(-n, 0, 0)
			case "decade":
				w.at = ref.AddDate(-10*n, 0, 0)
			}
		}
		return w, true
	}
	if timeOfDayRe.MatchString(lp) {
		return rel(0, byDay) // "around 8:30 p.m.": on the day the article tells
	}
	switch {
	case lp == "yesterday":
		return rel(-1, byDay)
	case lp == "today" || lp == "tonight":
		return rel(0, byDay)
	case strings.HasSuffix(lp, "week") || strings.HasSuffix(lp, "weekend"):
		return span(7, byWeek)
	case strings.HasSuffix(lp, "month"):
		return span(30, byMonth)
	case strings.HasSuffix(lp, "year"):
		return span(365, byYear)
	}
	fs := strings.Fields(lp)
	last := fs[len(fs)-1]
	if wd, ok := weekdays[last]; ok {
		// "on Monday" is the latest Monday up to the article's date;
		// "last Monday" the one before that when the article is that day.
		days := 0
		if hasRef {
			days = -((int(ref.Weekday()) - int(wd) + 7) % 7)
		}
		if strings.HasPrefix(lp, "next") {
			days += 7
		} else if strings.HasPrefix(lp, "last") && days == 0 {
			days = -7
		}
		return rel(days, byDay)
	}
	// "in August 2017", "August 8", "in 2017".
	if y := bareYearRe.FindString(lp); y != "" {
		yr, _ := strconv.Atoi(y)
		mo := time.January
		g := byYear
		for _, f := range fs {
			if m := monthOf(strings.Trim(f, ".,")); m != 0 && len(strings.Trim(f, ".,")) >= 3 {
				mo, g = m, byMonth
			}
		}
		w.at, w.gran = time.Date(yr, mo, 1, 0, 0, 0, 0, time.UTC), g
		return w, true
	}
	for i, f := range fs {
		f = strings.Trim(f, ".,")
		if m := monthOf(f); m != 0 && months[f[:3]] != 0 && (len(f) == 3 || strings.HasPrefix(monthName(m), f)) {
			day := 1
			g := byMonth
			if i+1 < len(fs) {
				if d, err := strconv.Atoi(strings.TrimRight(fs[i+1], "stndrh,")); err == nil && d >= 1 && d <= 31 {
					day, g = d, byDay
				}
			}
			if !hasRef {
				// "Oct. 9" in an undated article: a date whose year is
				// unknown, shown as written and placed only roughly.
				w.relative, w.gran = true, g
				return w, true
			}
			t := time.Date(ref.Year(), m, day, 0, 0, 0, 0, time.UTC)
			if t.After(ref.AddDate(0, 1, 0)) {
				t = t.AddDate(-1, 0, 0) // "in December" in a January article is last December
			}
			w.at, w.gran = t, g
			return w, true
		}
	}
	return w, false
}

func monthName(m time.Month) string { return strings.ToLower(m.String()) }

// formatWhen writes a resolved time as precisely as it is known.
func formatWhen(t time.Time, g granularity) string {
	switch g {
	case byYear:
		return t.Format("2006")
	case byMonth:
		return t.Format("January 2006")
	case byWeek:
		return "the week of " + t.Format("January 2, 2006")
	}
	return t.Format("Monday, January 2, 2006")
}
