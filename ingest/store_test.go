package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/privacybot/privacybot/corpus"
)

func TestRenderParsesBack(t *testing.T) {
	a := &Article{
		Title: "  ICO fines\nfirm  ", Outlet: "The Daily Ledger", Author: "Jane Whitfield", Date: "2024-03-05",
		URL:  "https://dailyledger.example/news/ico-fine",
		Body: "\r\nFirst paragraph, \"quoted\" here.\r\n\r\nSecond paragraph.\n\n",
	}
	at := time.Date(2024, 3, 8, 12, 0, 0, 0, time.FixedZone("CET", 3600))
	text := Render(a, "U024BE7LH\nforged: header", at)
	src := corpus.ParseSource("x.txt", string(text))
	if src.Title != "ICO fines firm" || src.Outlet != a.Outlet || src.Author != a.Author || src.Date != a.Date ||
		src.URL != a.URL || src.AddedBy != "U024BE7LH forged: header" || !src.AddedAt.Equal(at) {
		t.Errorf("parsed %+v", src)
	}
	if len(src.Paragraphs) != 2 || src.Slice(src.Paragraphs[0]) != `First paragraph, "quoted" here.` {
		t.Errorf("paragraphs %v", src.Paragraphs)
	}
	if strings.Contains(string(text), "\r") {
		t.Errorf("carriage returns kept")
	}
}

func TestNewIDAndSlug(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	for title, want := range map[string]string{
		"ICO fines facial recognition firm over scraped images": "ico-fines-facial-recognition-firm-abababab",
		"Café owners’ “register” — what now?":                   "cafe-owners-register-what-now-abababab",
		"日本語のタイトル":                                              "article-abababab",
		"":                                                      "article-abababab",
	} {
		got := NewID(title, hash)
		if got != want+"ab" {
			t.Errorf("NewID(%q) = %q; want %q", title, got, want+"ab")
		}
		if !validID(got) {
			t.Errorf("NewID(%q) = %q is not a valid id", title, got)
		}
	}
}

func TestStoreWriteIsAtomicAndCleansUp(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "articles")
	st, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A temp file left by a crash is removed on open and never loaded.
	os.WriteFile(filepath.Join(dir, tempPrefix+"half-abc"), []byte("Title: half"), 0o644)
	var stages []string
	st.hook = func(s string) {
		stages = append(stages, s)
		if s == "before-rename" {
			if st.Has("x-1") {
				t.Errorf("article visible before rename")
			}
		}
	}
	if _, err := st.Write("x-1", []byte("Title: X\n\nBody.\n")); err != nil {
		t.Fatal(err)
	}
	if strings.Join(stages, ",") != "half-written,before-rename,renamed" {
		t.Errorf("stages %v", stages)
	}
	if _, err := OpenStore(dir); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != "x-1.txt" {
		t.Errorf("files %v", ents)
	}
	if err := st.Delete("x-1"); err != nil {
		t.Fatal(err)
	}
	if err := st.Delete("x-1"); err != nil {
		t.Errorf("second delete: %v", err)
	}
	for _, bad := range []string{"../evil", "", ".hidden", "a/b", "UPPER"} {
		if _, err := st.Write(bad, []byte("x")); err == nil {
			t.Errorf("Write(%q) accepted", bad)
		}
	}
}
