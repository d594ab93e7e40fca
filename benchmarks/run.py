"""Runs every benchmark: `make benchmarks`, or `python benchmarks/run.py [name ...]`."""

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names):
    sys.path.insert(0, str(HERE))
    from common import print_table, setup_django

    setup_django()
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    measures = []
    for name in modules:
        if not names or name.removeprefix("bench_") in names:
            measures += importlib.import_module(name).run()
    print_table(measures)


if __name__ == "__main__":
    main(sys.argv[1:])
