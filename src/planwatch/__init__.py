"""planwatch: follow how a five-year development plan (规划纲要) is carried out."""

__version__ = "0.1.0"
