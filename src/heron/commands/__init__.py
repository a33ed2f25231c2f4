"""The ``heron`` command-line commands (``heron/cli.py`` registers them), on top of the pipeline and the store.
They add nothing to the Document: they read inputs, run the ``Coder``, and write, store, query or serve its output.
"""
