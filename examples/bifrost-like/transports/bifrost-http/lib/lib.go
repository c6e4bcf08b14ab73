// Package lib is bifrost-http's library: loading config.json, validating it
// against config.schema.json, and the transport's misbehaviour knobs.
package lib

import "github.com/maximhq/bifrost/core/schemas"

var logger schemas.Logger

// SetLogger sets the logger of the package, as bifrost-http's lib.SetLogger does.
func SetLogger(l schemas.Logger) { logger = l }
