package api

import "net/http"

// routes lists every endpoint in one place.
func (h *Handler) routes() {
	h.mux.HandleFunc("POST /api/v1/postmortems", h.create)
	h.mux.HandleFunc("GET /api/v1/postmortems", h.list)
	h.mux.HandleFunc("GET /api/v1/postmortems/{id}", h.get)
	h.mux.HandleFunc("PUT /api/v1/postmortems/{id}", h.update)
	h.mux.HandleFunc("DELETE /api/v1/postmortems/{id}", h.delete)
	h.mux.HandleFunc("GET /api/v1/postmortems/{id}/markdown", h.exportMarkdown)
	h.mux.HandleFunc("GET /api/v1/postmortems/{id}/bundle", h.exportBundle)
	h.mux.HandleFunc("POST /api/v1/postmortems/import", h.importMarkdown)
	h.mux.HandleFunc("POST /api/v1/postmortems/import/chat", h.importChat)
	h.mux.HandleFunc("POST /api/v1/postmortems/{id}/attachments", h.uploadAttachment)
	h.mux.HandleFunc("GET /api/v1/postmortems/{id}/attachments/{aid}", h.getAttachment)
	h.mux.HandleFunc("POST /api/v1/uploads", h.uploadPending)
	h.mux.HandleFunc("GET /api/v1/uploads/{uid}", h.getPending)
	h.mux.HandleFunc("GET /api/v1/people", h.listPeople)
	h.mux.HandleFunc("POST /api/v1/lint", h.lintPostMortem)
	h.mux.HandleFunc("GET /api/v1/countermeasures", h.listCountermeasures)
	h.mux.HandleFunc("POST /api/v1/postmortems/{id}/countermeasures/{cid}/status", h.setCountermeasureStatus)
	h.mux.HandleFunc("POST /api/v1/postmortems/{id}/countermeasures/{cid}/verify", h.verifyCountermeasure)
	h.mux.HandleFunc("GET /api/v1/meetings/late", h.lateMeetings)
	h.mux.HandleFunc("GET /api/v1/insights", h.getInsights)
	h.mux.HandleFunc("GET /api/v1/insights.csv", h.getInsightsCSV)
	h.mux.HandleFunc("GET /api/v1/me", h.getMe)
	h.mux.HandleFunc("GET /api/v1/tokens", h.listTokens)
	h.mux.HandleFunc("POST /api/v1/tokens", h.createToken)
	h.mux.HandleFunc("DELETE /api/v1/tokens/{tid}", h.revokeToken)
	h.mux.HandleFunc("GET /api/v1/users", h.listUsers)
	h.mux.HandleFunc("POST /api/v1/users", h.createUser)
	h.mux.HandleFunc("PATCH /api/v1/users/{uid}", h.changeUser)
	h.mux.HandleFunc("POST /api/v1/users/{uid}/reset-link", h.resetLink)
	h.mux.HandleFunc("GET /api/v1/audit", h.listAudit)
	h.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, http.StatusNotFound, "No such endpoint", r.Method+" "+r.URL.Path+" is not part of the API", nil)
	})
}
