"""The translator web app (Flask). Not built yet: it will call the same library
functions as the ``tilmash`` command line."""
