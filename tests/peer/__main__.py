"""``python -m tests.peer``: see ``tests.peer.run``."""

import sys

from tests.peer.run import main

sys.exit(main())
