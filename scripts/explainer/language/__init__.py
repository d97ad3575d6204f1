"""Languages: values formatted for readers through Babel (CLDR), and every interface word."""
