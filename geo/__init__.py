"""The atlas's analytical core: boundaries, plans, gazetteer, joins and coverage.

Pure functions over data files; nothing here imports Streamlit or folium.
"""
