import sys

from critc.compiler.cli.main import main

sys.exit(main())
