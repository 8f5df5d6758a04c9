"""`python -m recruitwatch` runs the command line."""

from recruitwatch.cli import app

if __name__ == "__main__":  # not when multiprocessing's spawn imports this as __mp_main__
    app()
