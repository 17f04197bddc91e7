"""The demo's old import path, for the window's start (app/ui/app.py) and branches written before the move; the
generator is :mod:`app.demo`."""

from app.demo import DEMO_ACTIVITIES as DEMO_ACTIVITIES
from app.demo import create_demo_folder as create_demo_folder
from app.demo import generate_demo as generate_demo
from app.demo import iter_generate_demo as iter_generate_demo
from app.demo import reset_demo_folder as reset_demo_folder
