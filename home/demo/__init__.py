"""Demo content of the FIGO CMS: believable French pages built in code, idempotently (see `load_demo_content`)."""
