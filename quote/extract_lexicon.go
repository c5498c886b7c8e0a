package quote

// Word lists the extractor uses to read attributions. All entries are lower
// case, apostrophes straight.

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// speechVerbs introduce or follow a quotation ("said", "added").
var speechVerbs = setOf(
	"proclaimed", "proclaims",
	"chanting", "singing", "shouting", "yelling", "proclaiming",
	"admitting", "acknowledging", "conceding", "complaining", "predicting", "accusing", "recalling", "boasting", "joking",
	"said", "says", "say", "added", "adds", "told", "tells", "wrote", "writes", "explained",
	"explains", "stated", "states", "noted", "notes", "asked", "asks", "argued", "argues",
	"continued", "continues", "recalled", "recalls", "insisted", "insists", "claimed", "claims",
	"declared", "declares", "warned", "warns", "replied", "replies", "responded", "responds",
	"answered", "acknowledged", "acknowledges", "admitted", "admits", "emphasized", "emphasised",
	"stressed", "stresses", "suggested", "suggests", "remarked", "observed", "tweeted", "tweets",
	"posted", "announced", "announces", "conceded", "concedes", "complained", "complains", "joked",
	"jokes", "predicted", "predicts", "cautioned", "urged", "urges", "vowed", "vows", "promised",
	"promises", "concluded", "quipped", "countered", "counters", "contended", "maintained",
	"maintains", "reiterated", "reported", "reports", "shouted", "yelled", "screamed", "chanted",
	"mused", "opined", "lamented", "boasted", "bragged", "charged", "alleged", "retorted",
	"agreed", "described", "describes", "called", "calls", "dubbed", "labeled", "labelled",
	"branded", "wondered", "reads", "read", "thundered", "pledged", "testified", "confirmed",
	"denied", "blasted", "slammed", "accused", "demanded", "scoffed", "snapped", "sighed",
	"began", "went", "asserted", "asserts", "dismissed", "derided", "touted", "hailed", "decried", "denounced", "condemned", "questioned", "cited", "quoted", "sings", "sang", "sing", "chanted", "pounding", "criticized", "criticised", "mocked", "praised", "attacked", "admires", "admired", "explained", "clarified", "recounted", "estimated",
	"saying", "adding", "telling", "writing", "noting", "explaining", "arguing", "insisting",
	"asking", "warning", "calling", "declaring", "stating", "claiming", "suggesting", "tweeting",
	"responding", "replying", "describing", "stressing", "urging", "promising", "vowing",
	"according",
)

// participles are speech verbs whose subject is the clause's subject, not
// the words right before them ("Wexler directed AFP to a statement saying").
var participles = setOf(
	"chanting", "singing", "shouting", "yelling", "proclaiming",
	"admitting", "acknowledging", "conceding", "complaining", "predicting", "accusing", "recalling", "boasting", "joking",
	"saying", "adding", "telling", "writing", "noting", "explaining", "arguing", "insisting",
	"asking", "warning", "calling", "declaring", "stating", "claiming", "suggesting", "tweeting",
	"responding", "replying", "describing", "stressing", "urging", "promising", "vowing",
)

// auxWords may stand between a subject and its speech verb.
var auxWords = setOf(
	"has", "had", "have", "also", "later", "then", "previously", "recently", "reportedly",
	"once", "again", "further", "would", "will", "did", "does", "do", "is", "was", "were",
	"are", "had", "just", "even", "has", "already", "simply", "repeatedly", "often",
	"always", "never", "not", "still", "flatly", "publicly", "privately", "bluntly", "quickly",
	"could", "can", "may", "might", "should", "must", "been", "being", "who", "which", "that",
	"separately", "earlier", "too",
)

// determiners open a noun phrase.
var determiners = setOf("a", "an", "the", "one", "another", "its", "his", "her", "their", "our", "this", "that", "two", "several")

// roleNouns name what a person does ("spokeswoman", "chief executive").
var roleNouns = setOf(
	"spokeswoman", "spokesman", "spokesperson", "spokespeople", "spokeswomen", "spokesmen",
	"representative", "official", "officials", "executive", "executives", "chief", "president",
	"director", "head", "lawyer", "attorney", "attorneys", "analyst", "economist", "researcher",
	"professor", "manager", "officer", "chairman", "chairwoman", "chair", "founder", "cofounder",
	"co-founder", "ceo", "cto", "cfo", "coo", "engineer", "employee", "staffer", "aide", "adviser",
	"advisor", "pollster", "strategist", "consultant", "host", "anchor", "reporter",
	"correspondent", "editor", "columnist", "commentator", "senator", "congressman",
	"congresswoman", "governor", "mayor", "secretary", "minister", "commissioner", "candidate",
	"nominee", "source", "sources", "expert", "investigator", "agent", "member", "leader",
	"partner", "deputy", "counsel", "activist", "advocate", "campaigner", "doctor", "narrator",
	"owner", "resident", "voter", "supporter", "critic", "historian", "scientist", "judge",
	"justice", "prosecutor", "inspector", "auditor", "sheriff", "clerk", "businessman",
	"businesswoman", "speaker", "chancellor", "administrator", "regulator", "insider",
	"insiders", "staff", "operatives", "questioner", "surrogate", "organizer", "founder",
	"investor", "specialist", "officer", "fellow", "lecturer", "student", "teacher", "nurse",
	"physician", "patient", "customer", "user", "victim", "witness", "person", "people",
	"woman", "man", "worker", "trustee", "commander", "general", "ambassador", "diplomat",
	"writer", "author", "blogger", "journalist", "contributor", "producer", "comedian",
	"actor", "actress", "singer", "musician", "artist", "pastor", "priest", "coach",
	"moderator", "panelist", "lawmaker", "legislator", "delegate", "envoy", "negotiator",
	"niece", "nephew", "son", "daughter", "wife", "husband", "mother", "father", "brother",
	"sister", "friend", "colleague", "neighbor", "neighbour", "cousin", "widow",
)

// genderedRoles tell a person's gender.
var genderedRoles = map[string]byte{
	"spokeswoman": 'f', "spokeswomen": 'f', "chairwoman": 'f', "congresswoman": 'f',
	"businesswoman": 'f', "woman": 'f', "mrs": 'f', "ms": 'f', "miss": 'f', "madam": 'f',
	"spokesman": 'm', "spokesmen": 'm', "chairman": 'm', "congressman": 'm',
	"businessman": 'm', "man": 'm', "mr": 'm', "sir": 'm', "lord": 'm', "lady": 'f',
	"niece": 'f', "nephew": 'm', "son": 'm', "daughter": 'f', "wife": 'f', "husband": 'm',
	"mother": 'f', "father": 'm', "brother": 'm', "sister": 'f', "widow": 'f', "actress": 'f',
}

// spokesRoles speak for an organization, which may be left implicit.
var spokesRoles = setOf("spokeswoman", "spokesman", "spokesperson", "representative", "spokespeople", "spokesmen", "spokeswomen")

// orgNouns refer back to an organization ("the company", "the statement").
var orgNouns = setOf(
	"company", "firm", "bank", "lender", "group", "agency", "regulator", "watchdog", "network",
	"giant", "platform", "site", "website", "retailer", "insurer", "hospital", "organization",
	"organisation", "department", "ministry", "commission", "campaign", "newspaper", "paper",
	"report", "statement", "startup", "business", "service", "app", "carrier", "provider",
	"office", "authority", "board", "union", "charity", "council", "court", "government",
	"administration", "publication", "outlet", "corporation", "conglomerate", "insurer",
	"developer", "maker", "operator", "university", "school", "trust", "foundation",
	"article", "piece", "clip", "ad", "video", "letter", "memo", "email", "filing", "release",
	"complaint", "lawsuit", "brief", "study", "survey", "indictment", "ruling", "audit",
	"editorial", "transcript", "document", "documents", "memorandum", "findings",
)

// docNouns are documents that speak for whoever issued them ("the
// complaint", "a Homeland Security memo").
var docNouns = setOf(
	"report", "statement", "letter", "memo", "email", "filing", "release", "complaint",
	"lawsuit", "brief", "study", "survey", "indictment", "ruling", "audit", "editorial",
	"transcript", "document", "documents", "memorandum", "findings", "article", "ad", "video",
)

// titleWords precede a name as a title ("Sen.", "Information Commissioner").
var titleWords = setOf(
	"mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "lt", "gen", "col", "capt",
	"sgt", "president", "vice", "senator", "representative", "governor", "mayor", "secretary",
	"commissioner", "chairman", "chairwoman", "chair", "chief", "executive", "officer", "ceo",
	"director", "judge", "justice", "attorney", "general", "minister", "prime", "speaker",
	"leader", "professor", "spokesman", "spokeswoman", "spokesperson", "deputy", "former",
	"sheriff", "pastor", "rev", "bishop", "pope",
	"ambassador", "detective", "agent", "coach", "host", "anchor", "nominee", "candidate",
	"majority", "minority", "whip", "assistant", "managing", "founder", "chancellor",
	"lord", "lady", "sir", "dame", "rabbi", "acting", "interim", "del",
	"sens", "reps", "cfo", "cto", "coo", "ciso", "cpo", "supt", "inspector", "superintendent", "counsel",
	"congressman", "congresswoman", "auditor", "registrar", "controller", "comptroller",
)

// stopCaps are capitalized words that are not part of a name: sentence
// openers, months, days.
var stopCaps = setOf(
	"but", "and", "or", "however", "yet", "so", "still", "meanwhile", "also", "then", "when",
	"while", "after", "before", "as", "asked", "later", "now", "last", "this", "that", "these",
	"those", "earlier", "speaking", "according", "in", "on", "at", "for", "from", "with", "by",
	"if", "though", "although", "because", "since", "instead", "indeed", "moreover", "still",
	"despite", "amid", "during", "it", "he", "she", "they", "we", "i", "you", "his", "her", "their",
	"its", "our", "my", "there", "here", "what", "why", "how", "who", "where", "which", "a", "an",
	"the", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
	"following", "once", "lest", "perhaps", "maybe", "suddenly", "eventually", "soon", "sadly", "luckily", "thus", "hence", "otherwise", "besides", "conversely", "finally", "similarly", "additionally", "unfortunately",
	"fortunately", "importantly", "ultimately", "notably", "specifically", "currently",
	"recently", "previously", "separately", "likewise", "nonetheless", "nevertheless",
	"furthermore", "regardless", "overall", "anyway", "today", "yesterday", "tonight", "not", "no", "yes", "one", "some", "many", "all", "both",
	"each", "every", "any", "such", "even", "just", "only", "like", "unlike", "about", "over",
	"under", "said", "says", "writing", "told", "wrote", "added", "dear", "thanks", "thank",
	"to", "of", "is", "was", "are", "were", "will", "would", "can", "could", "do", "does", "did",
	"has", "have", "had", "be", "been", "mr", "mrs", "ms", "dr",
)

// partyAdjectives are capitalized modifiers that are not organizations
// ("Democratic pollster").
var partyAdjectives = setOf(
	"democratic", "republican", "democrat", "gop", "american", "british", "conservative",
	"liberal", "labour", "tory", "former", "senior", "top", "longtime", "veteran", "independent",
	"european", "chinese", "russian", "french", "german", "irish", "canadian", "australian",
	"federal", "state", "local", "national", "u.s", "u.s.", "us", "uk", "u.k.", "eu",
)

// rankAdjectives are the [partyAdjectives] that say a speaker's rank or
// level, not a party or country they speak from ("Senior officials").
var rankAdjectives = setOf("former", "senior", "top", "longtime", "veteran", "federal", "state", "local", "national")

// orgSuffixWords end organization names.
var orgSuffixWords = setOf(
	"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "llc", "plc", "group", "bank", "bancorp",
	"office", "commission", "agency", "department", "association", "foundation", "institute",
	"university", "party", "committee", "campaign", "post", "times", "journal", "news", "network",
	"council", "bureau", "service", "services", "authority", "board", "company", "labs",
	"technologies", "systems", "health", "hospital", "center", "centre", "trust", "union",
	"alliance", "coalition", "fund", "administration", "ministry", "court", "police", "magazine",
	"tribune", "herald", "gazette", "daily", "press", "review", "reuters", "financial", "capital",
	"partners", "media", "broadcasting", "radio", "tv", "television", "insurance", "clinic",
	"school", "college", "house", "senate", "congress", "parliament", "cnn", "bbc", "npr", "abc",
	"nbc", "cbs", "fox", "msnbc", "politifact", "pac", "caucus", "project", "society", "watch",
)

// pronounGender maps subject pronouns to a gender ('m', 'f') or 'o' for it.
var pronounGender = map[string]byte{"he": 'm', "she": 'f', "it": 'o'}

// describeVerbs report someone's words without a speech verb ("described
// Trump as a “con artist”").
var describeVerbs = setOf(
	"described", "describes", "describing", "called", "calling", "dubbed", "labeled",
	"labelled", "termed", "referred", "characterized", "characterised", "likened",
	"compared", "promised", "vowed", "pledged", "urged", "accused", "criticized", "praised",
	"wants", "wanted", "hopes", "believes", "believed", "thinks", "thought", "argued",
	"found", "finds", "concluded", "concludes",
)

// judgeVerbs, like describeVerbs, have a subject who judges someone in
// quoted words ("Cruz accuses Obama of “leading from behind”"); they are
// read only to attribute a quotation, not to tell speech from a term.
var judgeVerbs = setOf(
	"accuses", "praises", "criticizes", "criticises", "chided", "chides", "scolded", "scolds",
	"rebuked", "faulted", "faults", "blamed", "blames", "ridiculed", "lambasted", "lambastes",
	"labels", "dubs", "likens", "compares", "slams", "blasts", "touts", "hails", "mocks",
)

// honorifics are titles that say nothing of a role ("Ms.").
var honorifics = setOf("mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam")

// invertingVerbs may come before their subject ("said Dana Ripley, “…”",
// "wrote the paper's editor: “…”"). Verbs that take an object ("called",
// "told", "accused") never do: the phrase after them is who they are about.
var invertingVerbs = setOf(
	"said", "says", "added", "adds", "wrote", "writes", "explained", "explains", "noted",
	"notes", "asked", "asks", "argued", "argues", "continued", "continues", "recalled",
	"recalls", "insisted", "insists", "declared", "declares", "warned", "warns", "replied",
	"replies", "responded", "responds", "answered", "acknowledged", "admitted", "emphasized",
	"stressed", "suggested", "remarked", "observed", "tweeted", "tweets", "posted",
	"announced", "conceded", "complained", "joked", "predicted", "cautioned", "concluded",
	"quipped", "countered", "contended", "maintained", "reiterated", "shouted", "yelled",
	"mused", "opined", "lamented", "boasted", "retorted", "wondered", "reads", "read",
	"thundered", "scoffed", "snapped", "sighed", "began", "went", "asserted", "recounted",
	"according",
)

// passiveAux before a speech verb make it passive ("was called", "has been
// quoted as saying"): its subject is not the speaker.
var passiveAux = setOf("been", "being", "was", "were", "is", "are", "be", "get", "gets", "got")

// chantNouns introduce the words a crowd shouted ("chants of “Lock her
// up!”").
var chantNouns = setOf("chant", "chants", "cry", "cries", "shout", "shouts", "cheers", "chorus", "choruses", "screams", "calls", "refrain")

// timeWords say when, never what a person does: the lower-case words
// before a name in "Last week Harlow said" are no role.
var timeWords = setOf(
	"week", "weeks", "month", "months", "year", "years", "day", "days", "night", "nights",
	"morning", "afternoon", "evening", "weekend", "ago", "time", "times", "hour", "hours",
	"minute", "minutes", "tonight", "today", "yesterday", "season", "spring", "summer",
	"fall", "autumn", "winter", "decade", "quarter", "earlier", "later", "then", "now",
)

// ordinalOpeners open a sentence as adverbs of order ("First, Kovac
// said"); capitalized there, they are no names.
var ordinalOpeners = setOf("first", "second", "third", "fourth", "fifth", "next", "finally", "lastly", "again", "instead", "overall", "secondly", "thirdly", "firstly")

// timePreps open a phrase of time between a subject and its verb ("on
// Wednesday", "last week").
var timePreps = setOf("on", "in", "last", "this", "next", "early", "late", "that")

// dayWords name days and months.
var dayWords = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december")
