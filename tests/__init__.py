"""The FIGO CMS test suite: one module per concern, shared builders in conftest.py."""
