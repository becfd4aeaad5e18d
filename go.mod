module github.com/dop2i/fairmeta

go 1.26.0

require (
	github.com/hashicorp/go-cleanhttp v0.5.2
	github.com/piprate/json-gold v0.9.1
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/text v0.43.0
)

require (
	github.com/cayleygraph/quad v1.3.0 // indirect
	github.com/pquerna/cachecontrol v0.2.0 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
)
