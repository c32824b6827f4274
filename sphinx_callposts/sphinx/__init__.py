"""The Sphinx side: one module per feature, each with its ``setup_<feature>(app)``."""
