"""The curators' admin, one module per group of models."""

from . import amendment, guarantee, law, reference, taxonomy, trust  # noqa: F401  (registers the model admins)
