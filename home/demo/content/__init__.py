"""The French texts and lists of the demo content, kept apart from the code that builds pages from them."""
