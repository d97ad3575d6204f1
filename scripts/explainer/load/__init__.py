"""Loading `content/`: YAML with positions, the schema of each file, records, evidence, derived
facts and charts, into one validated `Content` with every problem as a located diagnostic."""
