"""Scale: archive inputs (WARC, CSV/TSV), fetching from the web, language
detection, and running ingest on a Dask cluster.

Importing this package loads nothing heavy: each module imports its library
(warcio, trafilatura, dask) when it is used.
"""
