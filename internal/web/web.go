// Package web is Hindsight's browser interface: server-rendered pages
// (html/template) with a little plain JavaScript and CSS, all embedded in
// the binary. Every page works without JavaScript; the script only makes
// rows, previews and time zones nicer.
package web

import (
	"hindsight/internal/auth"
	"hindsight/internal/insights"
	"hindsight/internal/metrics"
	"hindsight/internal/pagecache"

	"golang.org/x/sync/singleflight"
	"net/http"

	_ "time/tzdata" // readers' zones work on machines without a zone database

	"hindsight"
)

// Options configure the web UI.
type Options struct {
	// MaxUploadBytes bounds an uploaded image (default 5 MiB).
	MaxUploadBytes int64
	// Sessions keeps who signed in; SSO, when set, offers single sign-on.
	Sessions *auth.Sessions
	SSO      *auth.OIDC
	// ClientIP says where a request came from, for throttling and the
	// audit log.
	ClientIP func(*http.Request) string
	// BaseURL is the instance's public address, for links shown to copy
	// (private feeds, setup and reset links).
	BaseURL string
	// Metrics counts the page cache's hits; nil counts nothing.
	Metrics *metrics.Set
	// Insights keeps insights snapshots; the API shares it so a reader
	// costs one build for both. New makes one when nil.
	Insights *insights.Reports
}

// Handler serves the pages.
type Handler struct {
	svc    *hindsight.Service
	opts   Options
	pages  *pages
	assets *assets
	md     *markdownRenderer
	views  *pagecache.Cache[viewKey]
	lists  *pagecache.Cache[listKey]
	builds singleflight.Group
	// metas keep, per post-mortem version, what a cached page needs to
	// finish each view (see viewMeta); reads records read receipts.
	metas *pagecache.Cache[metaKey]
	reads *readRecorder
	mux   *http.ServeMux
}

// New builds the web UI. It fails only if an embedded template is broken.
func New(svc *hindsight.Service, opts Options) (http.Handler, error) {
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = 5 << 20
	}
	if opts.ClientIP == nil {
		opts.ClientIP = auth.Proxies(nil).ClientIP
	}
	if opts.Insights == nil {
		opts.Insights = insights.NewReports(svc, 0)
	}
	h := &Handler{svc: svc, opts: opts, md: newMarkdownRenderer(), views: pagecache.New[viewKey](1024, viewCacheBytes), lists: pagecache.New[listKey](1024, listCacheBytes),
		metas: pagecache.New[metaKey](4096, metaCacheBytes), reads: newReadRecorder(svc), mux: http.NewServeMux()}
	var err error
	if h.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if h.pages, err = loadPages(h.funcs()); err != nil {
		return nil, err
	}
	h.routes()
	return h, nil
}

func (h *Handler) routes() {
	h.mux.Handle("GET /static/", h.assets)
	h.mux.HandleFunc("GET /favicon.ico", h.assets.favicon)
	h.mux.HandleFunc("GET /{$}", h.list)
	h.mux.HandleFunc("GET /postmortems/new", h.newForm)
	h.mux.HandleFunc("POST /postmortems", h.create)
	h.mux.HandleFunc("GET /postmortems/{id}", h.view)
	h.mux.HandleFunc("GET /postmortems/{id}/edit", h.editForm)
	h.mux.HandleFunc("POST /postmortems/{id}", h.update)
	h.mux.HandleFunc("GET /postmortems/{id}/markdown", h.download)
	h.mux.HandleFunc("GET /postmortems/{id}/print.css", h.printTitle)
	h.mux.HandleFunc("GET /postmortems/{id}/delete", h.deleteConfirm)
	h.mux.HandleFunc("POST /postmortems/{id}/delete", h.delete)
	h.mux.HandleFunc("POST /postmortems/{id}/images", h.uploadImage)
	h.mux.HandleFunc("GET /postmortems/{id}/history", h.history)
	h.mux.HandleFunc("GET /postmortems/{id}/review", h.review)
	h.mux.HandleFunc("POST /postmortems/{id}/review/{action}", h.reviewAction)
	h.mux.HandleFunc("GET /postmortems/{id}/compare", h.compare)
	h.mux.HandleFunc("GET /postmortems/{id}/versions/{n}", h.version)
	h.mux.HandleFunc("POST /postmortems/{id}/versions/{n}/restore", h.restore)
	h.mux.HandleFunc("GET /trash", h.trash)
	h.mux.HandleFunc("POST /trash/{id}/restore", h.restoreFromTrash)
	h.mux.HandleFunc("GET /trash/{id}/purge", h.purgeConfirm)
	h.mux.HandleFunc("POST /trash/{id}/purge", h.purge)
	h.mux.HandleFunc("POST /uploads", h.uploadImage)
	h.mux.HandleFunc("GET /postmortems/{id}/bundle", h.downloadBundle)
	h.mux.HandleFunc("GET /people", h.people)
	h.mux.HandleFunc("GET /import", h.importForm)
	h.mux.HandleFunc("POST /import", h.importPost)
	h.mux.HandleFunc("GET /import/chat", h.chatForm)
	h.mux.HandleFunc("POST /import/chat", h.chatPost)
	h.mux.HandleFunc("POST /preview", h.preview)
	h.mux.HandleFunc("GET /reading", h.reading)
	h.mux.HandleFunc("GET /postmortems/{id}/meeting.ics", h.meetingInvitation)
	h.mux.HandleFunc("GET /postmortems/{id}/public", h.publicSummaryForm)
	h.mux.HandleFunc("POST /postmortems/{id}/public", h.publicSummarySave)
	h.mux.HandleFunc("GET /public/feed.atom", h.publicFeed)
	h.mux.HandleFunc("GET /public/{pid}", h.publicPage)
	h.mux.HandleFunc("GET /countermeasures", h.tracker)
	h.mux.HandleFunc("POST /countermeasures/{action}", h.trackerChange)
	h.mux.HandleFunc("GET /insights", h.insightsPage)
	h.mux.HandleFunc("GET /zone", h.zonePage)
	h.mux.HandleFunc("POST /zone", h.zoneSet)
	h.identityRoutes()
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.notFound(w, r)
	})
}

// ServeHTTP sets the headers every page carries and dispatches.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "same-origin")
	h.mux.ServeHTTP(w, r)
}

// me is the signed-in user, or nil.
func me(r *http.Request) *hindsight.User {
	p, _ := hindsight.PrincipalFrom(r.Context())
	return p.User
}
