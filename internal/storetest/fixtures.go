package storetest

import (
	"time"

	"hindsight"
)

// Full is a post-mortem with every field set, in the shape of the guide's
// sample, so a round trip proves nothing is dropped.
func Full() *hindsight.PostMortem {
	due := hindsight.Date{Year: 2026, Month: 4, Day: 1}
	done := at("2026-03-20T10:00:00Z")
	return &hindsight.PostMortem{
		Title:    "Checkout payments timed out after connection pool change",
		Status:   hindsight.StatusInReview,
		Severity: "SEV2",
		Services: []string{"checkout", "payment-gateway"},
		Team:     "Payments",
		Meeting: hindsight.Meeting{
			Date: at("2026-03-12T14:00:00Z"), Contact: "Priya Raman", CreatedBy: "Jonas Weber", FacilitatedBy: "Amara Okafor",
		},
		Incident: hindsight.Incident{
			StartedAt: at("2026-03-10T09:42:00Z"), DetectedAt: at("2026-03-10T09:58:00Z"), EndedAt: at("2026-03-10T11:05:00Z"),
			AdditionalTimes: []hindsight.LabelledTime{
				{Label: hindsight.LabelFirstUserReport, At: *at("2026-03-10T09:51:00Z")},
				{Label: hindsight.LabelHotfix, At: *at("2026-03-10T10:47:00Z")},
			},
		},
		Description: "- Card payments in checkout failed for 83 minutes.\n- The pool size was lowered from 64 to 8.",
		Events: []hindsight.Event{
			{At: at("2026-03-10T09:40:00Z"), ReportedBy: "Jonas Weber", Kind: hindsight.EventAction, Text: "Configuration change lowering the gateway pool size is deployed"},
			{At: at("2026-03-10T09:58:00Z"), ReportedBy: "Priya Raman", Kind: hindsight.EventObservation, Text: "Alert checkout error rate pages the on-call engineer", Effect: "Investigation starts"},
			{At: at("2026-03-10T10:25:00Z"), ReportedBy: "Priya Raman", Kind: hindsight.EventInvestigation, Text: "Thread dumps show all workers waiting for a pooled connection"},
			{ReportedBy: "Support", Text: "Customers reported a spinning payment button"},
		},
		AdditionalInfo: "![pool saturation](pool-saturation.png)",
		Remediation:    "- Restore the pool size to 64\n- Add a saturation alert",
		BugTickets:     []hindsight.BugTicket{{Ref: "PAY-1423", URL: "https://tracker.example.com/PAY-1423"}, {Ref: "PAY-1427"}},
		Summary:        "A configuration change shrank the payment gateway connection pool.",
		Tags:           []string{"payments", "Checkout", "connection-pool"},
		Whys: []hindsight.Why{
			{Question: "Why did payments time out?", Answer: "Workers waited for pooled connections."},
			{Question: "Why were there too few connections?", Answer: "The pool size was lowered to 8."},
		},
		RootCause: "Pool size changes were not load tested.",
		Countermeasures: []hindsight.Countermeasure{
			{Title: "Alert on gateway pool saturation", Kind: hindsight.KindDetect, Priority: hindsight.P1, Owner: "Priya Raman", Due: &due, Status: hindsight.CMDone, DoneAt: done, Ticket: "PAY-1427",
				Verifications: []hindsight.Verification{{At: *at("2026-03-25T09:00:00Z"), By: "Amara Okafor", Note: "Fired in a game day"}}},
			{Title: "Load test configuration changes", Kind: hindsight.KindPrevent, Priority: hindsight.P2, Owner: "Jonas Weber", Status: hindsight.CMOpen},
		},
		Stakeholders: []hindsight.Stakeholder{
			{Name: "Priya Raman", Email: "priya@example.com", Roles: []hindsight.Role{hindsight.RoleResponded, hindsight.RoleDiagnosed}},
			{Name: "Support", Roles: []hindsight.Role{hindsight.RoleAffected}},
		},
		OtherSections: []hindsight.Section{{Heading: "Lessons learned", Body: "Pools need alerts.\n"}},
	}
}

// Minimal is a valid post-mortem with only a title and the given extras.
func Minimal(title string, edit ...func(*hindsight.PostMortem)) *hindsight.PostMortem {
	p := &hindsight.PostMortem{Title: title}
	for _, e := range edit {
		e(p)
	}
	return p
}

// startedAt sets the incident start.
func startedAt(s string) func(*hindsight.PostMortem) {
	return func(p *hindsight.PostMortem) { p.Incident.StartedAt = at(s) }
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
