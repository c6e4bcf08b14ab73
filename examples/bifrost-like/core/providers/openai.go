// Package providers holds bifrost-like's one provider, OpenAI, called the way
// bifrost's OpenAI provider calls it: base_url (trailing / trimmed) plus
// /v1/chat/completions, with "Authorization: Bearer <key value>".
package providers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/maximhq/bifrost/core/network"
	"github.com/maximhq/bifrost/core/schemas"
)

// OpenAIProvider sends chat completions and model listings to one base URL.
type OpenAIProvider struct {
	baseURL       string
	authorization string
	client        network.Doer
}

// NewOpenAIProvider uses the first key of cfg, as a provider with one key
// does in bifrost.
func NewOpenAIProvider(cfg schemas.ProviderConfig, client network.Doer) (*OpenAIProvider, error) {
	if cfg.NetworkConfig == nil || cfg.NetworkConfig.BaseURL == "" {
		return nil, errors.New("openai provider: network_config.base_url is required")
	}
	if len(cfg.Keys) == 0 || cfg.Keys[0].Value == "" {
		return nil, errors.New("openai provider: a key with a value is required")
	}
	authorization := cfg.Keys[0].Value
	if !strings.HasPrefix(authorization, "Bearer ") {
		authorization = "Bearer " + authorization
	}
	return &OpenAIProvider{
		baseURL:       strings.TrimSuffix(cfg.NetworkConfig.BaseURL, "/"),
		authorization: authorization,
		client:        client,
	}, nil
}

// ChatCompletionURL is where chat completions go.
func (p *OpenAIProvider) ChatCompletionURL() string { return p.baseURL + "/v1/chat/completions" }

// ChatCompletion posts body (a chat request with the provider-side model
// name) and returns the provider's response as is; the caller closes it.
func (p *OpenAIProvider) ChatCompletion(ctx context.Context, body []byte) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.ChatCompletionURL(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", p.authorization)
	return p.client.Do(req)
}

// ListModels calls GET /v1/models, as bifrost does for each provider at start.
func (p *OpenAIProvider) ListModels(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.baseURL+"/v1/models", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", p.authorization)
	resp, err := p.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s/v1/models: status %d", p.baseURL, resp.StatusCode)
	}
	return nil
}
