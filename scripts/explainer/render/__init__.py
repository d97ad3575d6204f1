"""Rendering: content to page Markdown (sections and generated pages), charts, citations and the
links pages hold."""
