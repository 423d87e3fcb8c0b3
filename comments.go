package hindsight

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxCommentLen bounds a comment or a review note.
const MaxCommentLen = 10_000

// CommentSections are the anchors a comment may name besides a timeline
// event ("events[3]"): the post-mortem's sections by their JSON names.
var CommentSections = []string{"title", "summary", "description", "meeting", "incident", "events", "whys", "root_cause",
	"countermeasures", "stakeholders", "remediation", "additional_info", "bug_tickets", "tags"}

// NewComment is what a reader writes.
type NewComment struct {
	ParentID string `json:"parent_id"`
	Anchor   string `json:"anchor"`
	Body     string `json:"body"`
}

var eventAnchorRE = regexp.MustCompile(`^events\[(\d+)\]$`)

// mentionRE finds @mentions: a whole address (@mei@example.com) or the
// part of one before the @ (@mei.lin).
var mentionRE = regexp.MustCompile(`(?:^|[^\w@.])@([A-Za-z0-9._%+-]+(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)`)

// AddComment adds the signed-in reader's comment (or reply) to a
// post-mortem they may read, and tells everybody it @mentions. A mention
// of someone who may not see a restricted post-mortem is refused rather
// than sent.
func (s *Service) AddComment(ctx context.Context, id string, n NewComment) (*Comment, error) {
	who, err := writer(ctx)
	if err != nil {
		return nil, err
	}
	if who.User == nil || who.User.ID == "" {
		return nil, forbidden("comments are written by people who sign in")
	}
	p, err := s.readable(ctx, who, id)
	if err != nil {
		return nil, err
	}
	c := Comment{ID: NewID(), PostMortemID: id, Body: strings.TrimSpace(n.Body), AuthorID: who.User.ID, Author: who.User.Display(), Version: p.Version, At: s.now()}
	v := &ValidationError{}
	switch {
	case c.Body == "":
		v.Add("body", "is required")
	case len(c.Body) > MaxCommentLen || !clean(c.Body):
		v.Add("body", "must be at most %d bytes of text", MaxCommentLen)
	}
	if err := s.anchorComment(ctx, p, n, &c); err != nil {
		var fe *ValidationError
		if !asValidation(err, &fe) {
			return nil, err
		}
		v.Fields = append(v.Fields, fe.Fields...)
	}
	mentioned, err := s.mentions(ctx, p, c.Body)
	if err != nil {
		v.Add("body", "%s", err.Error())
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var hook TxHook
	if len(mentioned) > 0 {
		for _, u := range mentioned {
			c.Mentions = append(c.Mentions, u.ID)
		}
		a := announcementOf(AnnounceMentioned, p, c.Author)
		a.Recipients, a.Key, a.Detail = c.Mentions, "mention:"+c.ID, excerpt(c.Body, 280)
		hook = s.announceHook(a)
	}
	if err := s.store.AddComment(ctx, c, hook); err != nil {
		return nil, err
	}
	return &c, nil
}

// anchorComment checks where a comment goes: a thread's first comment
// names a section or event, a reply takes its thread's.
func (s *Service) anchorComment(ctx context.Context, p *PostMortem, n NewComment, c *Comment) error {
	if n.ParentID != "" {
		rec, err := s.store.ReviewRecord(ctx, p.ID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(rec.Comments, func(x Comment) bool { return x.ID == n.ParentID })
		if i < 0 {
			return Invalid("parent_id", "no such comment on this post-mortem")
		}
		parent := rec.Comments[i]
		if parent.ParentID != "" {
			c.ParentID = parent.ParentID
		} else {
			c.ParentID = parent.ID
		}
		return nil
	}
	c.Anchor = strings.TrimSpace(n.Anchor)
	if m := eventAnchorRE.FindStringSubmatch(c.Anchor); m != nil {
		i, _ := strconv.Atoi(m[1])
		if i >= len(p.Events) {
			return Invalid("anchor", "the timeline has %d events; there is no event %d", len(p.Events), i)
		}
		c.Quote = excerpt(p.Events[i].Text, 280)
		return nil
	}
	if c.Anchor != "" && !slices.Contains(CommentSections, c.Anchor) {
		return Invalid("anchor", "must be a section (%s) or a timeline event like events[0], not %q", strings.Join(CommentSections, ", "), c.Anchor)
	}
	return nil
}

// mentions finds the users a text @mentions, each of whom must be able to
// read p.
func (s *Service) mentions(ctx context.Context, p *PostMortem, body string) ([]*User, error) {
	var out []*User
	var users []User
	for _, m := range mentionRE.FindAllStringSubmatch(body, 20) {
		name := strings.TrimRight(m[1], ".")
		var u *User
		if strings.Contains(name, "@") {
			got, err := s.store.UserByEmail(ctx, strings.ToLower(name))
			if err != nil {
				return nil, fmt.Errorf("@%s: nobody with that address has an account", name)
			}
			u = got
		} else {
			if users == nil {
				var err error
				if users, err = s.store.ListUsers(ctx); err != nil {
					return nil, err
				}
			}
			for i := range users {
				local, _, _ := strings.Cut(users[i].Email, "@")
				if strings.EqualFold(local, name) {
					if u != nil {
						return nil, fmt.Errorf("@%s names more than one account; write the whole address", name)
					}
					u = &users[i]
				}
			}
			if u == nil {
				continue // "@channel", an address in prose: not a mention
			}
		}
		if u.Disabled || slices.ContainsFunc(out, func(x *User) bool { return x.ID == u.ID }) {
			continue
		}
		if !mayRead(Principal{User: u}, headOf(p)) {
			return nil, fmt.Errorf("@%s may not see this restricted post-mortem, so they would not be told", name)
		}
		out = append(out, u)
	}
	return out, nil
}

// ResolveComment marks a thread resolved, or open again. Its author and
// whoever may edit the post-mortem may.
func (s *Service) ResolveComment(ctx context.Context, id, commentID string, resolved bool) error {
	who, err := writer(ctx)
	if err != nil {
		return err
	}
	p, err := s.readable(ctx, who, id)
	if err != nil {
		return err
	}
	rec, err := s.store.ReviewRecord(ctx, id)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(rec.Comments, func(c Comment) bool { return c.ID == commentID })
	if i < 0 {
		return fmt.Errorf("comment %s: %w", commentID, ErrNotFound)
	}
	c := rec.Comments[i]
	if c.ParentID != "" {
		return Invalid("comment", "resolve the thread through its first comment")
	}
	if !mayEdit(who, headOf(p)) && (who.User == nil || who.User.ID != c.AuthorID) {
		return forbidden("only the comment's author and those who may edit the post-mortem may resolve it")
	}
	var at *time.Time
	if resolved {
		now := s.now()
		at = &now
	}
	return s.store.ResolveComment(ctx, id, commentID, at, ActorFrom(ctx))
}

// excerpt cuts text to at most n bytes on a word, with an ellipsis.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndex(text[:n], " ")
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8Start(text[cut]) {
			cut--
		}
	}
	return text[:cut] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func asValidation(err error, v **ValidationError) bool {
	ve, ok := err.(*ValidationError)
	if ok {
		*v = ve
	}
	return ok
}
