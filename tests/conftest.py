import os
import sys

# tests/pages.py builds the realistic pages the tests feed in.
sys.path.insert(0, os.path.dirname(__file__))
# Keep the language-model cache inside the test session's temp area.
os.environ.setdefault("STORYLINE_CACHE", os.path.join(os.path.dirname(__file__), "..", ".pytest_cache", "storyline"))
