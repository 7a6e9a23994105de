"""Benchmarks of Shifan (``make bench``): data generator, page timings and load. Never imported by shifan/."""
