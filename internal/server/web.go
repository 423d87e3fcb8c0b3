package server

import (
	"net/http"

	"hindsight"
	"hindsight/internal/config"
)

// newWeb returns the web UI.
func newWeb(cfg config.Config, svc *hindsight.Service) (http.Handler, error) {
	return http.NotFoundHandler(), nil
}
