module bifrost-load-test/mocker

go 1.26
