// Package slackbot is privacybot's Slack adapter. It answers @mentions in
// their thread, direct messages, and the /privacy slash command with the
// answer engine in package [bot], over Socket Mode or the HTTP Events API.
//
// Every event, command and button click is acknowledged at once; the answer
// is worked out afterwards, posted as a "Looking through the sources…"
// placeholder and then replaced with the answer in Block Kit. Each event is
// answered at most once, however often Slack redelivers it. Other bots,
// edits and deletions are ignored. Each user may ask a bounded number of
// questions a minute. Over HTTP every request's signature is checked, by
// slack-go's verifier, before it is parsed.
//
// With an [Ingester] in [Config.Ingest], /privacy add URL adds a news
// article while the bot runs (everyone may, unless [Config.Admins] names
// admins) and /privacy remove ID takes one out (admins only).
//
// Create a [Bot] with [New], call [Bot.Start] to learn who the bot is, then
// either [Bot.RunSocketMode] or serve [Bot.Handler]; call [Bot.Shutdown] to
// let answers under way finish. This is the only package that imports
// slack-go.
package slackbot
