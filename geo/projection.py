"""Projected coordinate systems for measuring: areas in km² and distances in km.

Both are built around the data's own extent, so they work for any province, not just Hebei.
"""

from __future__ import annotations

from pyproj import CRS

WGS84 = CRS.from_epsg(4326)


def equal_area_crs(bounds: tuple[float, float, float, float]) -> CRS:
    """Albers equal-area conic fitted to ``(minx, miny, maxx, maxy)`` in degrees, for areas."""
    minx, miny, maxx, maxy = bounds
    span = maxy - miny
    return CRS.from_proj4(
        f"+proj=aea +lat_1={miny + span / 6:.4f} +lat_2={maxy - span / 6:.4f} "
        f"+lat_0={(miny + maxy) / 2:.4f} +lon_0={(minx + maxx) / 2:.4f} +ellps=GRS80 +units=m +no_defs"
    )


def equidistant_crs(bounds: tuple[float, float, float, float]) -> CRS:
    """Azimuthal equidistant projection centred on ``bounds``, for distances in metres.

    Distances from the centre are exact; across a province (a few hundred km) the error between
    two arbitrary points stays well under 1 %.
    """
    minx, miny, maxx, maxy = bounds
    return CRS.from_proj4(
        f"+proj=aeqd +lat_0={(miny + maxy) / 2:.4f} +lon_0={(minx + maxx) / 2:.4f} +ellps=WGS84 +units=m +no_defs"
    )
