"""The command line: the scripting interface (``python -m app COMMAND …``); never imports QtGui or QtWidgets."""
