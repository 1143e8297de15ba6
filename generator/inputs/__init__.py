"""Read and check the inputs: the spec (after overlays), the manifest, and every cross-reference."""
