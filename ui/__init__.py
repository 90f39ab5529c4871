"""The Streamlit app's pieces: URL state, cached data, and one module per tab.

``app.py`` wires them together; everything analytical lives in ``geo/`` and ``layers/``.
"""
