"""`make bench`: build and search figures for the livedoor corpus, printed as JSON."""
