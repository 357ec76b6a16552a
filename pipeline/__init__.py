"""delib: deliberation PDFs -> warehouse data. See pipeline.api for the Python API."""


def extract(path, *args, **kwargs):
    from .api import extract as _extract
    return _extract(path, *args, **kwargs)


def write(results, out):
    from .api import write as _write
    return _write(results, out)
