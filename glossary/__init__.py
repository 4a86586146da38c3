"""The termbase: concepts, their terms in each language, house styles, file formats.

Nothing here imports Flask or click: the CLI and the web app call these functions.
"""
