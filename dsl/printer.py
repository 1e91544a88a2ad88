def format_module(module, comments=()):
    raise NotImplementedError
