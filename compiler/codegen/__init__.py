"""Generated Python scoring modules (`critc compile`) and the runtime they embed."""
