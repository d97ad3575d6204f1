"""Checks over loaded content: copied words, unsourced claims, typed values, allowed markup and
freshness. They read the model and report diagnostics; they never change content."""
