// Package ingest keeps the corpus current while the bot runs: it adds
// articles from local files, web pages and RSS/Atom feeds, and removes
// them again.
//
// A [Fetcher] fetches pages and feeds with a timeout, a 5 MB cap, a
// redirect limit and no access to private addresses. [ExtractHTML] pulls
// the article text and metadata out of a page with readability, leaving
// navigation and ads behind. A [Store] writes each article atomically as a
// text file with a metadata header under DATA/articles. A [Service] ties
// them together and adds each article to a [retrieval.Library]
// incrementally; a [Poller] feeds it from RSS and Atom feeds. [Overlay]
// joins the corpus and the stored articles into the one file system that
// retrieval.Open loads at start-up.
//
// Like retrieval, the package knows nothing of Slack: who may add and
// remove articles from Slack (PRIVACYBOT_ADMINS) is the Slack adapter's
// policy. The [Service] logs every add and remove, with who asked, to the
// logger it is given.
package ingest
