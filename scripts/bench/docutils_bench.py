#!/usr/bin/python3
"""Time docutils rendering reST to HTML in one interpreter (no start-up).

Used by `npm run bench` (scripts/bench/docutils.ts) to separate docutils'
own speed from Python's start-up, which the per-process figure includes.

    /usr/bin/python3 docutils_bench.py RUNS FILE.rst [...]

Prints JSON: {"docutils": VERSION, "import_ms": N, "run_ms": [per run]},
each run rendering every file once, after one unmeasured warm-up run.
"""

import json
import sys
import time

start = time.perf_counter()
import docutils  # noqa: E402  (timed on purpose)
from docutils.core import publish_string  # noqa: E402
import docutils.writers.html5_polyglot  # noqa: E402,F401
import_ms = (time.perf_counter() - start) * 1000

#: The same settings as the per-process command line.
SETTINGS = {
    'report_level': 5,
    'halt_level': 5,
    'file_insertion_enabled': False,
    'raw_enabled': False,
    'warning_stream': False,
    '_disable_config': True,
}


def render_all(texts):
    """Render every text to HTML once."""
    for path, text in texts:
        publish_string(text, source_path=path, writer_name='html5',
                       settings_overrides=SETTINGS)


def main(argv):
    runs = int(argv[0])
    texts = []
    for path in argv[1:]:
        with open(path, encoding='utf-8-sig') as handle:
            texts.append((path, handle.read()))
    if runs > 1:
        render_all(texts)  # warm-up: lazy imports, caches
    run_ms = []
    for _ in range(runs):
        begin = time.perf_counter()
        render_all(texts)
        run_ms.append((time.perf_counter() - begin) * 1000)
    json.dump({'docutils': docutils.__version__, 'import_ms': import_ms,
               'run_ms': run_ms}, sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
