"""Russian NLP stages: each module exposes one function over an Analysis."""
