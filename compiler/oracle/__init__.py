"""The reference oracle: an independent, per-case reading of the model that the
differential tests compare every back end with."""
