"""Tools that check the built site from the outside: a local static server and a Lighthouse audit."""
