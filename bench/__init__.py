"""`make bench`: the registry at full size, served as `make serve` serves it, measured.

settings.py and urls.py add a bare Django view to the site (the same middleware, a
response saved from the real page); data.py builds the data set; load.py sends the
load (wrk, or threads where wrk is missing); run.py measures and prints the table.
"""
