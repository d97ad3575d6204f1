"""Languages: one file of interface words per language (`<code>.toml`, read by `catalog`), values
formatted for readers through Babel (CLDR) in `locale`, and the typed views `strings` and `picture_words`."""
