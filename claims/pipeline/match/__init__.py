"""Frame and match: line up the same fact across articles and suggest how the sources relate."""
