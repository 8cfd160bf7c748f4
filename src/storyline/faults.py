"""Named points where a fault-injection test can kill the process.

The crash tests set ``STORYLINE_KILL_AT=<point>[:<n>[:<signal>]]`` and run a build
in a subprocess: at the n-th time (default: the first) the build reaches ``point``
it sends itself the signal (default KILL, exactly like ``kill -9`` or a power cut
at that moment; INT is a Ctrl-C at that moment).
The next build must then complete the store. Unset, a kill point costs one
dictionary lookup.

Points: ``batch_written`` (after a batch of pages is committed),
``corpus_linked`` (the corpus stage computed, nothing written yet),
``corpus_writing`` (inside the corpus transaction, half of it written).
"""
from __future__ import annotations

import os
import signal
from collections import Counter

ENV = "STORYLINE_KILL_AT"
_reached: Counter = Counter()


def kill_point(name: str) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    point, _, rest = spec.partition(":")
    if point != name:
        return
    nth, _, signame = rest.partition(":")
    _reached[name] += 1
    if _reached[name] == int(nth or 1):
        os.kill(os.getpid(), getattr(signal, "SIG" + (signame or "KILL")))
