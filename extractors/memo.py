"""Memoising readers of a document's shared lines.

Every item of a file sees the same session preamble (the same Line objects), and several
extractors read it again for each item (the lists of people, a grid of marks): a file of 30
items read its preamble's lists some 300 times. A reader decorated here computes once per
distinct run of lines.
"""
from __future__ import annotations

import functools
from collections import OrderedDict

# Runs of lines kept: the preamble, the items' own lines and a few unions of them, for the
# file being read (files are read one after the other in a process).
SIZE = 64


def per_lines(fn):
    """Cache `fn(lines, *args)` by the identity of the lines. The cached entry holds the lines
    themselves, so their ids cannot be reused by other objects while it is kept. Results are
    shared: callers must not mutate them (a list result is returned as a new list)."""
    cache: OrderedDict = OrderedDict()

    @functools.wraps(fn)
    def wrapper(lines, *args):
        lines = list(lines)
        key = (tuple(map(id, lines)), args)
        hit = cache.get(key)
        if hit is None:
            hit = (lines, fn(lines, *args))
            cache[key] = hit
            if len(cache) > SIZE:
                cache.popitem(last=False)
        value = hit[1]
        return list(value) if isinstance(value, list) else value

    wrapper.cache_clear = cache.clear
    return wrapper
