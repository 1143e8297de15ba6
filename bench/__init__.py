"""`make bench`: the connector generator and its runtime measured against their peers.

Run ``python -m bench`` (``make bench``); ``bench/README.md`` says what each figure means.
"""
