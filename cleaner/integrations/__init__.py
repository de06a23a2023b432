"""Steps for other tools' pipelines; each imports its tool only when used."""
