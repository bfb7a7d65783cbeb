"""Read and hold the data: the YAML documents, the collections, the catalogue, the edition."""
