"""Map layers (folium) and self-contained HTML export.

Every view is a folium Map built from ``geo/`` data; every text from data reaches HTML or
JavaScript through ``layers._escape``; every asset the map needs is inlined or served locally.
"""
