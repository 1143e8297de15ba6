"""The intermediate model -> the generated files: templates, models by datamodel-code-generator, formatting by black."""
