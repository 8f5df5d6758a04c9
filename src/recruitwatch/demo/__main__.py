"""`python -m recruitwatch.demo write FOLDER [N]`: regenerate the demo corpus."""

import sys
from pathlib import Path

from recruitwatch.demo import write_demo

if len(sys.argv) < 3 or sys.argv[1] != "write":
    sys.exit("usage: python -m recruitwatch.demo write FOLDER [N]")
write_demo(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 360)
