"""The intermediate model: spec + manifest -> plain data the templates read, and the OpenAPI helpers it is built with."""
