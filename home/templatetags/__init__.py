"""Template tags of the public site: navigation, listings and French formatting."""
