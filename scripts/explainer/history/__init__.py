"""History from git: the changes log of `content/` and the fact diff between two revisions."""
