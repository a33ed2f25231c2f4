"""Stages *mentions* and *actors*: noun phrases that may name actors, resolved against the knowledge base.
Adds ``Document.mentions``, each with its ``actor`` (country, sector, name, role, Wikidata id) where one is found.
"""
