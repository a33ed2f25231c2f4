"""Stage *when/where*: date expressions against the document date, GeoNames places, datelines.
Adds ``Document.dates`` and ``Document.places``, and each event's own ``date`` and ``location``.
"""
