"""Tools shared by the benchmark (`bench`), the audit (`audit`) and the tests: a local static
server for a built site, waiting for a page to show a text, and a description of the machine a
measurement ran on. Nothing here knows about content or MkDocs."""
