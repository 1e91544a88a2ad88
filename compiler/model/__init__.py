"""The checked model: the framework as typed data, and the pure helpers over it."""
