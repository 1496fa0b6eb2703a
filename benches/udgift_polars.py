#!/usr/bin/env python3
"""The peer of `ramme udgift` in `cargo bench --bench udgift`: the same
totals computed with polars (when it is installed) from the same two
generated borgerlister, to compare speed and check the figures.

    python3 benches/udgift_polars.py BEFORE.csv AFTER.csv

Prints one JSON object: the wall time of reading and computing (in this
process, interpreter start not counted) and the region's figures in øre:
before, after, change, takst_effect, visitation_effect, and the persons
continuing, new and left. Rows are matched on (Personkode, Tilbudsnr,
Paragraf), as ramme matches them for the region. The bench's amounts are
always written with two decimals ("46.500,00"): removing the separators
gives øre, exactly; anything else is refused.
"""

import json
import sys
import time

import polars as pl

KEY = ["Personkode", "Tilbudsnr", "Paragraf"]


def read(path):
    frame = pl.scan_csv(
        path,
        separator=";",
        schema_overrides={"Tilbudsnr": pl.Utf8, "Udgift januar": pl.Utf8},
    ).select(
        KEY
        + [
            pl.col("Udgift januar")
            .str.replace_all(".", "", literal=True)
            .str.replace(",", "", literal=True)
            .cast(pl.Int64)
            .alias("ore"),
            pl.col("Udgift januar").str.contains(r"^-?[0-9.]+,[0-9]{2}$").alias("two_decimals"),
        ]
    )
    return frame


def main():
    before_path, after_path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    before, after = pl.collect_all([read(before_path), read(after_path)])
    if not (before["two_decimals"].all() and after["two_decimals"].all()):
        sys.exit("an amount without exactly two decimals")
    joined = before.join(after, on=KEY, how="full", suffix="_after", coalesce=True)
    matched = joined.filter(pl.col("ore").is_not_null() & pl.col("ore_after").is_not_null())
    only_before = joined.filter(pl.col("ore_after").is_null())["ore"].sum()
    only_after = joined.filter(pl.col("ore").is_null())["ore_after"].sum()
    persons_before = before["Personkode"].unique()
    persons_after = after["Personkode"].unique()
    continuing = int(persons_after.is_in(persons_before.implode()).sum())
    total_before = int(before["ore"].sum())
    total_after = int(after["ore"].sum())
    figures = {
        "before": total_before,
        "after": total_after,
        "change": total_after - total_before,
        "takst_effect": int((matched["ore_after"] - matched["ore"]).sum()),
        "visitation_effect": int(only_after) - int(only_before),
        "continuing": continuing,
        "new": len(persons_after) - continuing,
        "left": len(persons_before) - continuing,
    }
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "region": figures}))


if __name__ == "__main__":
    main()
