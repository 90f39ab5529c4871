"""GCJ-02 conversion, checked against an independent implementation (eviltransform)."""

from __future__ import annotations

import eviltransform
import numpy as np
import shapely

from geo.datum import geometries_to_gcj02, wgs84_to_gcj02


def test_matches_eviltransform_across_hebei() -> None:
    rng = np.random.default_rng(7)
    lon = rng.uniform(113.4, 119.9, 200)
    lat = rng.uniform(36.0, 42.6, 200)
    ours_lon, ours_lat = wgs84_to_gcj02(lon, lat)
    for i in range(len(lon)):
        ref_lat, ref_lon = eviltransform.wgs2gcj(lat[i], lon[i])
        assert abs(ours_lon[i] - ref_lon) < 1e-6
        assert abs(ours_lat[i] - ref_lat) < 1e-6


def test_points_outside_china_are_unchanged() -> None:
    lon, lat = wgs84_to_gcj02([2.35, -74.0], [48.85, 40.7])
    assert list(lon) == [2.35, -74.0] and list(lat) == [48.85, 40.7]


def test_geometries_shift_by_about_half_a_kilometre() -> None:
    square = shapely.box(114.4, 38.0, 114.5, 38.1)
    (shifted,) = geometries_to_gcj02([square])
    dx = shifted.centroid.x - square.centroid.x
    dy = shifted.centroid.y - square.centroid.y
    assert 0.004 < dx < 0.008 and 0.0 < dy < 0.002
    assert shapely.get_num_coordinates(shifted) == shapely.get_num_coordinates(square)
