package handlers

import (
	"net/http"

	"github.com/maximhq/bifrost/transports/bifrost-http/lib"
)

// HealthHandler answers GET /health: 200 {"status":"ok"} once the routes
// exist (bifrost answers 503 when a store it pings fails; bifrost-like has no
// store, so only BIFROST_LIKE_NEVER_READY makes it 503).
type HealthHandler struct{ hooks lib.Hooks }

func NewHealthHandler(hooks lib.Hooks) *HealthHandler { return &HealthHandler{hooks: hooks} }

func (h *HealthHandler) RegisterRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /health", h.getHealth)
}

func (h *HealthHandler) getHealth(w http.ResponseWriter, _ *http.Request) {
	if h.hooks.NeverReady {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "starting"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
