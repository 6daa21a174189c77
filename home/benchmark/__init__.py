"""The benchmark: a national-scale dataset, its own settings and URLconf, and a bounded load generator."""
