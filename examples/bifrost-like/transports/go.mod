module bifrost-like/transports

go 1.26
