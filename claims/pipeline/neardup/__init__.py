"""Identity across versions: near-duplicate articles (MinHash over word shingles) and stable claim
fingerprints that keep a reviewer's verdict attached when an article is ingested again."""
