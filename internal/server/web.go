package server

import (
	"net/http"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/web"
)

// newWeb returns the web UI.
func newWeb(cfg config.Config, svc *hindsight.Service) (http.Handler, error) {
	return web.New(svc, web.Options{MaxUploadBytes: cfg.MaxUploadBytes})
}
