"""The MkDocs adapter: the `explainer` plugin (`plugin.ExplainerPlugin`, entry point `explainer`),
its options (`config`), its state between events and rebuilds (`state`), the other editions
(`editions`), the engine's theme (`theme`), the instant preview (`serve`) and the atomic build
(`python -m explainer.adapter.build`). The only part of the package that imports MkDocs."""
