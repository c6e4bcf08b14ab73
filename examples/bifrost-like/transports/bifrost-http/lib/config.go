package lib

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/maximhq/bifrost/framework/configstore"
)

// LoadConfig reads <appDir>/config.json, validates it against
// config.schema.json (see ValidateConfigSchema) and parses it. Errors name
// the file.
func LoadConfig(appDir string) (*configstore.Config, error) {
	path := filepath.Join(appDir, "config.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if err := ValidateConfigSchema(raw); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	cfg, err := configstore.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}
