"""The demo generator: a seeded, realistic history planned in memory and written through the bulk path.

``plan`` (with ``world``, ``entities`` and ``content``) draws it, ``rows`` renders it as the services would store
it, ``generate`` writes it into a store and ``folders`` makes or replaces a whole demo folder.
"""

from app.demo.folders import create_demo_folder as create_demo_folder
from app.demo.folders import reset_demo_folder as reset_demo_folder
from app.demo.generate import DEMO_ACTIVITIES as DEMO_ACTIVITIES
from app.demo.generate import generate_demo as generate_demo
from app.demo.generate import iter_generate_demo as iter_generate_demo
