"""`make audit`: Lighthouse on every page of the built site."""
