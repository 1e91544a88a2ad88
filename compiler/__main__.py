import sys

from critc.compiler.cli import main

sys.exit(main())
