"""The curators' admin, one module per group of models."""

from . import guarantee, law, reference, taxonomy  # noqa: F401  (registers the model admins)
