"""Command line of the Hebei Industry Cluster Atlas.

    python cli.py check [--plan FILE ...]     validate the data files and print a summary

Bad input prints one clear message and exits with status 2; it never prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from geo._errors import AtlasError
from geo.boundaries import available_sources, load_boundaries, provenance
from geo.plans import Plan, load_plan, load_plans
from geo.region import load_region

EXIT_BAD_INPUT = 2


def _plans(paths: Sequence[str] | None) -> list[Plan]:
    """The plans named by ``--plan`` options, or the bundled plans when none is given."""
    return [load_plan(Path(p)) for p in paths] if paths else load_plans()


def cmd_check(args: argparse.Namespace) -> int:
    """Validate region, boundaries and plans; print what was loaded."""
    region = load_region()
    print(f"region: {region.province.name_zh} ({region.province.adcode})")
    stats = provenance()["sources"]
    for source in available_sources():
        frame = load_boundaries(source)
        levels = Counter(frame["level"])
        vertices = stats[source]["vertices"]["county"]
        print(
            f"boundaries {source}: {levels['city']} cities, {levels['county']} counties, "
            f"{levels['area']} composite areas, {vertices} county vertices"
        )
    for plan in _plans(args.plan):
        tiers = Counter(c.tier for c in plan.clusters)
        tier_text = ", ".join(f"{n} {tier}" for tier, n in sorted(tiers.items()))
        print(
            f"plan {plan.id}: {len(plan.clusters)} clusters ({tier_text}), {len(plan.goals)} goals, "
            f"{len(plan.future_industries)} future industries, "
            f"{sum(len(c.targets) for c in plan.clusters)} cluster figures"
        )
    print("ok")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description="Hebei Industry Cluster Atlas")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data files and print a summary")
    check.add_argument("--plan", action="append", metavar="FILE", help="a plan file instead of the bundled plans")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except AtlasError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
