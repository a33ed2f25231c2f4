"""Evaluation (`heron eval`, benchmarks/): scores coded Documents against gold records.
Adds nothing to the Document; it reads predicted and gold JSONL and returns the reference scorer's numbers.
"""
