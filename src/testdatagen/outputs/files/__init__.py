"""File writers, one module per format; all stream batch by batch through ``FileOutput``."""
