// Package handlers holds bifrost-http's routes that bifrost-like implements:
// health and chat completions.
package handlers

import (
	"encoding/json"
	"net/http"
)

// writeError answers with an OpenAI-style error body.
func writeError(w http.ResponseWriter, status int, errType, msg string) {
	type apiError struct {
		Message string `json:"message"`
		Type    string `json:"type"`
	}
	writeJSON(w, status, struct {
		Error apiError `json:"error"`
	}{apiError{Message: msg, Type: errType}})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body) // an error here means the client left
}
