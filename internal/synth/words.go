package synth

import "strings"

// The base word lists. Nouns are inflected into plurals and verbs into
// their -s, -ed and -ing forms, which gives a vocabulary of a few thousand
// surface words.

var nounList = strings.Fields(`
privacy data breach regulator fine consent cookie tracker account customer user
bank payment card transaction balance loan mortgage deposit lender credit debit
wallet app platform network server database cloud encryption key password token
identity fraud scam phishing malware ransomware hacker attacker vulnerability patch
update policy rule law bill regulation directive framework standard audit review
investigation inquiry probe complaint lawsuit settlement court judge ruling appeal
commission agency authority watchdog ombudsman minister lawmaker senator committee
hearing report study survey analysis research researcher scientist engineer
developer vendor supplier partner contract agreement deal merger acquisition
shareholder investor market share price revenue profit loss quarter forecast
growth earnings dividend budget cost spending tax subsidy grant penalty sanction
record file document email message chat text call voice video photo image
location address phone device laptop tablet camera sensor microphone speaker
browser search engine advertising advertiser ad campaign marketing marketer brand
profile feed post comment like follower subscriber audience reader viewer
algorithm model system software hardware chip processor storage backup archive
log metadata identifier fingerprint biometric face scan retina signature
health hospital patient doctor clinic insurance insurer claim premium policyholder
employee worker employer staff union manager executive board director officer
school student teacher parent child minor family household consumer citizen
resident voter government state country region city council county border
service product feature option setting control dashboard portal interface
request response notice notification alert warning disclosure statement
program pilot trial test experiment launch rollout release version upgrade
risk threat attack incident outage failure error bug flaw weakness exposure
protection safeguard measure step practice process procedure method approach
transparency accountability oversight governance compliance enforcement
right freedom choice preference permission access control restriction limit
border transfer flow exchange sharing collection retention deletion erasure
portability correction objection purpose basis interest obligation duty
broker aggregator processor controller subprocessor contractor consultant
startup company firm business industry sector group association coalition
campaigner advocate activist critic expert lawyer attorney prosecutor
newspaper journalist editor broadcaster publisher outlet station channel
week month year decade day morning evening weekend season period deadline
million billion percent figure number rate level amount volume total average
plan strategy proposal initiative effort project goal target priority focus
concern fear worry question issue problem challenge debate controversy
scandal leak whistleblower source insider official spokesperson representative
benefit advantage opportunity innovation technology tool solution capability
identity verification authentication login session cookie banner popup
children teenager adult senior pensioner borrower saver trader merchant retailer
shop store checkout basket order delivery shipment package courier warehouse
car vehicle driver route journey trip ticket airline airport passenger traveller
energy meter grid utility bill tariff supplier household appliance thermostat
satellite drone robot assistant chatbot speaker headset watch tracker ring
blockchain token exchange crypto stablecoin custody ledger settlement clearing
benchmark index bond yield equity fund portfolio asset liability reserve capital
liquidity solvency exposure derivative swap option futures hedge arbitrage broker
subscription licence patent copyright trademark royalty franchise monopoly cartel
antitrust competition pricing discount coupon loyalty reward voucher gift rebate
genome dna sample laboratory vaccine prescription pharmacy diagnosis therapy
geolocation footprint heatmap telemetry diagnostics crash analytics dashboard
spreadsheet inbox attachment link domain website homepage landing cookie pixel
keyboard screen touchscreen smartphone handset firmware kernel driver plugin
extension addon widget template script query cache proxy firewall gateway router
datacentre mainframe cluster node container pipeline repository branch commit
certificate signature credential passkey pin otp code secret vaultkeeper
`)

var verbList = strings.Fields(`
collect share sell store process track monitor analyse review approve reject
launch announce confirm deny reveal disclose report warn urge demand request
investigate fine penalise sanction block ban restrict limit allow permit
encrypt protect secure expose leak steal breach hack attack target exploit
comply violate breach challenge appeal contest settle resolve dispute defend
invest acquire merge partner expand reduce cut increase raise lower boost
develop design build test deploy release update upgrade patch fix remove
delete erase retain keep transfer move send receive publish post notify inform
consult propose recommend require mandate enforce implement introduce adopt
criticise praise welcome question doubt suspect accuse blame allege claim
promise pledge commit agree refuse decline respond reply comment explain
verify authenticate identify recognise match link combine aggregate profile
advertise market promote target personalise recommend rank filter moderate
pay charge bill refund compensate reimburse fund finance lend borrow repay
hire employ train recruit dismiss suspend replace appoint elect nominate
protest campaign lobby petition support oppose back endorse sign vote
delay postpone cancel pause resume restart continue finish complete start
estimate calculate measure count assess evaluate audit inspect examine check
`)

var adjList = strings.Fields(`
personal sensitive private public financial digital online mobile global national
european american british federal regional local major large small new old
former current future recent previous annual quarterly monthly weekly daily
secure unsafe vulnerable malicious fraudulent illegal unlawful lawful legal
independent strict tough weak strong clear vague broad narrow detailed
significant serious severe minor critical urgent important central key main
biometric behavioural medical genetic commercial corporate consumer retail
third-party anonymous pseudonymous encrypted unencrypted automated manual
voluntary mandatory optional default hidden transparent opaque complex simple
controversial popular unpopular widespread limited massive unprecedented
technical legislative regulatory judicial parliamentary executive administrative
competitive dominant emerging leading struggling profitable costly expensive cheap
accurate inaccurate misleading deceptive fair unfair reasonable excessive
proportionate necessary unnecessary adequate inadequate robust fragile
real-time cross-border long-term short-term high-risk low-risk open closed
`)

var functionWords = strings.Fields(`the the the of of to to and and a a in in that for on with as by
at from its their this these which it was were is are has have had be been would could
will may also more than about after over under into between while during since against`)

// Outlets, regulators, countries, months and topic nouns give the
// articles their proper nouns and their facts.
var outlets = strings.Fields(`Ledger Courier Herald Dispatch Chronicle Tribune Observer Gazette Bulletin Journal Sentinel Monitor Examiner Record Post Times Wire Digest Review Standard`)

var outletPrefixes = strings.Fields(`Daily Evening Morning Weekly Metro National Coastal Capital Northern Southern`)

var countries = strings.Fields(`France Germany Ireland Spain Italy Canada Brazil India Japan Australia Sweden Norway Denmark Poland Austria Belgium Portugal Mexico Singapore Kenya`)

var months = strings.Fields(`January February March April May June July August September October November December`)

var regulatorKinds = []string{"Data Protection Commission", "Information Commissioner's Office", "Financial Conduct Authority", "Competition Authority", "Consumer Protection Bureau", "Privacy Commissioner", "Banking Supervisor", "Telecoms Regulator"}

// inflect returns the surface forms of the base lists.
// Verbs are kept in their base form and inflected where used.
func inflect() (nouns, verbs, adjs, advs []string) {
	for _, n := range nounList {
		nouns = append(nouns, n, plural(n))
	}
	verbs = append(verbs, verbList...)
	for _, a := range adjList {
		adjs = append(adjs, a)
		if !strings.Contains(a, "-") && len(a) > 5 {
			advs = append(advs, adverb(a))
		}
	}
	return dedupe(nouns), dedupe(verbs), dedupe(adjs), dedupe(advs)
}

func plural(n string) string {
	switch {
	case strings.HasSuffix(n, "y") && !strings.ContainsRune("aeiou", rune(n[len(n)-2])):
		return n[:len(n)-1] + "ies"
	case strings.HasSuffix(n, "s"), strings.HasSuffix(n, "x"), strings.HasSuffix(n, "ch"), strings.HasSuffix(n, "sh"):
		return n + "es"
	case n == "child":
		return "children"
	}
	return n + "s"
}

func thirdPerson(v string) string { return plural(v) }

func past(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case strings.HasSuffix(v, "y") && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ied"
	}
	return v + "ed"
}

func gerund(v string) string {
	if strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") {
		return v[:len(v)-1] + "ing"
	}
	return v + "ing"
}

func adverb(a string) string {
	switch {
	case strings.HasSuffix(a, "le"):
		return a[:len(a)-1] + "y"
	case strings.HasSuffix(a, "y"):
		return a[:len(a)-1] + "ily"
	case strings.HasSuffix(a, "ic"):
		return a + "ally"
	}
	return a + "ly"
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
