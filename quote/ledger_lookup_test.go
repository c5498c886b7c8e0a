package quote

import (
	"slices"
	"testing"
)

func TestBySpeaker(t *testing.T) {
	_, l := seedLedger(t)
	tests := []struct {
		name      string
		query     string
		wantQuote []string // a prefix of each expected quote's text, in order
		speakers  []string // every returned quote's speaker or organization is one of these
		silences  int
	}{
		{"alias Citi", "Citi", []string{"While we regularly"}, []string{"Citigroup"}, 2},
		{"alias JP Morgan", "JP Morgan", []string{"sharing our", "The privacy", "We don't share", "sharing our"}, []string{"JPMorgan Chase"}, 0},
		{"typo JP Morgn", "JP Morgn", []string{"sharing our", "The privacy", "We don't share", "sharing our"}, []string{"JPMorgan Chase"}, 0},
		{"prefix JPMorgan", "JPMorgan", []string{"sharing our", "The privacy", "We don't share", "sharing our"}, []string{"JPMorgan Chase"}, 0},
		{"alias US Bancorp", "US Bancorp", []string{"We haven't shared"}, []string{"U.S. Bancorp"}, 0},
		{"punctuation U.S. Bancorp inc", "u.s. bancorp, inc.", []string{"We haven't shared"}, []string{"U.S. Bancorp"}, 0},
		{"typo Elisabeth Dianna", "Elisabeth Dianna", []string{"we don't use", "We don't use", "We're not shoring"}, []string{"Elisabeth Diana"}, 0},
		{"surname Wexler", "Wexler", []string{"We don't share"}, []string{"Patricia Wexler"}, 0},
		{"first name Patricia", "Patricia", []string{"We don't share"}, []string{"Patricia Wexler"}, 0},
		{"case-insensitive dana ripley", "dana ripley", []string{"We haven't shared"}, []string{"Dana Ripley"}, 0},
		{"silence only Wells Fargo", "Wells Fargo", nil, nil, 2},
		{"alias the social network", "the social network", nil, []string{"Facebook", "Elisabeth Diana"}, 0},
		{"unknown Microsoft", "Microsoft", nil, nil, 0},
		{"empty", "", nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs, ss := l.BySpeaker(tt.query)
			if tt.wantQuote != nil {
				if len(qs) != len(tt.wantQuote) {
					t.Fatalf("got %d quotes %+v, want %d", len(qs), qs, len(tt.wantQuote))
				}
				for i, p := range tt.wantQuote {
					if len(qs[i].Text) < len(p) || qs[i].Text[:len(p)] != p {
						t.Errorf("quote %d = %q, want prefix %q", i, qs[i].Text, p)
					}
				}
			}
			if tt.speakers == nil && tt.wantQuote == nil && len(qs) > 0 {
				t.Errorf("got %d quotes, want none", len(qs))
			}
			for _, q := range qs {
				if tt.speakers != nil && !slices.Contains(tt.speakers, q.Speaker) && !slices.Contains(tt.speakers, q.Organization) {
					t.Errorf("quote %q by %q/%q", q.Text, q.Speaker, q.Organization)
				}
			}
			if len(ss) != tt.silences {
				t.Errorf("got %d silences, want %d", len(ss), tt.silences)
			}
		})
	}
	t.Run("organization includes its people", func(t *testing.T) {
		qs, _ := l.BySpeaker("What did JPMorgan say")
		_ = qs // a full question is not a name; NamedIn handles questions
		qs, _ = l.BySpeaker("JPMorgan Chase")
		var named, unnamed bool
		for _, q := range qs {
			named = named || q.Speaker == "Patricia Wexler"
			unnamed = unnamed || (q.Speaker == "" && q.Role == "spokesperson")
		}
		if !named || !unnamed {
			t.Errorf("JPMorgan Chase quotes miss Wexler (%v) or the unnamed spokesperson (%v)", named, unnamed)
		}
	})
}

func TestNamedIn(t *testing.T) {
	_, l := seedLedger(t)
	tests := []struct {
		name, question string
		want           []string // exact result; nil means empty
	}{
		{"typo", "what did jp morgn say", []string{"JPMorgan Chase"}},
		{"alias phrase", "Did the social network deny it?", []string{"Facebook"}},
		{"alias Citi", "Did Citi comment?", []string{"Citigroup"}},
		{"person typo", "What did Elisabeth Dianna say about ads?", []string{"Elisabeth Diana"}},
		{"surname", "What did Wexler tell AFP?", []string{"Patricia Wexler"}},
		{"two names", "Did US Bancorp or Wells Fargo comment?", []string{"U.S. Bancorp", "Wells Fargo"}},
		{"not a speaker", "What did Microsoft say?", nil},
		{"ordinary words", "How many users does Messenger have", nil},
		{"ordinary words 2", "What data did banks share about privacy?", nil},
		{"nothing", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := l.NamedIn(tt.question)
			if !slices.Equal(got, tt.want) {
				t.Errorf("NamedIn(%q) = %q, want %q", tt.question, got, tt.want)
			}
		})
	}
}

func TestSpeakers(t *testing.T) {
	_, l := seedLedger(t)
	got := l.Speakers()
	for _, want := range []string{"Elisabeth Diana", "Patricia Wexler", "Dana Ripley", "Facebook", "JPMorgan Chase", "Citigroup", "U.S. Bancorp", "Wells Fargo"} {
		if !slices.Contains(got, want) {
			t.Errorf("Speakers() lacks %q: %q", want, got)
		}
	}
	if !slices.IsSorted(got) {
		t.Error("Speakers() not sorted")
	}
	if slices.Contains(got, "Microsoft") {
		t.Error("Microsoft is not a speaker")
	}
}

// TestRelatedOrganizationLookup: asking about a parent company finds what
// the company it renamed said, and the ledger keeps the name as written.
func TestRelatedOrganizationLookup(t *testing.T) {
	_, l := seedLedger(t)
	fb, _ := l.BySpeaker("Facebook")
	if len(fb) == 0 {
		t.Fatal("the seeds quote Facebook")
	}
	meta, _ := l.BySpeaker("Meta")
	if len(meta) != len(fb) {
		t.Errorf("Meta found %d quotations, Facebook %d", len(meta), len(fb))
	}
	for _, q := range meta {
		if q.Organization == "Meta" {
			t.Errorf("a seed quotation of Facebook renamed Meta: %+v", q)
		}
	}
}
