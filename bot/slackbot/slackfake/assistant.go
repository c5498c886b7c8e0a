package slackfake

import "encoding/json"

// Prompt is one suggested prompt of an assistant.threads.setSuggestedPrompts
// call.
type Prompt struct {
	Title   string `json:"title"`
	Message string `json:"message"`
}

// Prompts returns the prompts of an assistant.threads.setSuggestedPrompts
// call.
func (c Call) Prompts() []Prompt {
	var ps []Prompt
	_ = json.Unmarshal([]byte(c.Field("prompts")), &ps)
	return ps
}

// checkAssistantCall checks the arguments of an assistant.threads method
// as Slack documents them: channel_id and thread_ts are required; status
// must be sent (empty clears it); a title must not be empty; prompts are a
// JSON array of one to four objects with a title and a message.
func checkAssistantCall(c Call) string {
	if c.Field("channel_id") == "" || c.Field("thread_ts") == "" {
		return "channel_id and thread_ts are required"
	}
	switch c.Method {
	case "assistant.threads.setStatus":
		if _, ok := c.Form["status"]; !ok && c.JSON["status"] == nil {
			return "status is required"
		}
	case "assistant.threads.setTitle":
		if c.Field("title") == "" {
			return "title is required"
		}
	case "assistant.threads.setSuggestedPrompts":
		ps := c.Prompts()
		if len(ps) < 1 || len(ps) > 4 {
			return "prompts must hold 1 to 4 prompts"
		}
		for _, p := range ps {
			if p.Title == "" || p.Message == "" {
				return "every prompt needs a title and a message"
			}
		}
	}
	return ""
}

// Refuse makes every later call of an assistant.threads method fail with
// Slack's error code, as for an app without the assistant view.
func (s *Server) Refuse(method, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refused[method] = code
}

func (s *Server) refusal(method string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused[method]
}
