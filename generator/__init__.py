"""The LeafLink connector generator."""
