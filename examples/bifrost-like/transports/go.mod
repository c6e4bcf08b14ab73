module github.com/maximhq/bifrost/transports

go 1.26

require (
	github.com/maximhq/bifrost/core v0.0.0-00010101000000-000000000000
	github.com/maximhq/bifrost/framework v0.0.0-00010101000000-000000000000
	github.com/maximhq/bifrost/plugins/telemetry v0.0.0-00010101000000-000000000000
)
